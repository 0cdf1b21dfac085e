/**
 * What the fuzzer runs against: both APIs over one store, with a studio whose owner, assistant
 * and gallery client are signed in on both APIs, and a second studio whose rows none of them
 * may touch. It keeps every role signed in as itself whatever the requests do to sessions.
 */
import { COOKIE_NAMES, newId, type Role } from '@proofsheet/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { type ApiKind, buildApp, createServices } from '../../src/app.js';
import { csrfTokenFor, hashSecret, newSecret } from '../../src/auth/tokens.js';
import { testConfig } from '../../src/config/config.js';
import { type ManualClock, manualClock, type Random } from '../../src/deps.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import type { Database } from '../../src/storage/sql/schema.js';
import { TEST_PASSWORD } from '../../src/testing.js';
import { CookieJar } from './cookie-jar.js';
import type { FuzzRole, RequestContext } from './fuzz-request.js';
import { liveId } from './live-ids.js';
import { seededRandom } from './seeded-random.js';

export const ROLES: readonly Role[] = ['owner', 'assistant', 'gallery_client'];
export const APIS: readonly ApiKind[] = ['studio', 'gallery'];

/** A store opened for the fuzzer, with the Kysely handle its snapshots read. */
export interface OpenedStore {
  storage: Storage;
  db: Kysely<Database>;
  /** The PostgreSQL schema of the run, whose tables alone are snapshotted. */
  schema?: string;
}

/** The second studio, whose rows no request of the fuzzed roles may change. */
export interface ForeignStudio {
  accountId: string;
  owner: UserRecord;
  galleryClient: UserRecord;
}

export interface FuzzWorld extends RequestContext {
  apps: Record<ApiKind, FastifyInstance>;
  store: OpenedStore;
  accountId: string;
  users: Record<Role, UserRecord>;
  foreign: ForeignStudio;
  /** The apps' clock and seeded randomness, for rows the fixtures write to the store directly. */
  clock: ManualClock;
  random: Random;
  /** Every user's email, for the generator to offer where a schema asks for one. */
  emails: string[];
  /** Signs in through `POST /login` and returns the cookie header and CSRF token. */
  signIn(api: ApiKind, email: string): Promise<{ cookie: string; csrf: string }>;
  /**
   * Makes the visitor role a visitor again: a fresh share link to one of the studio's
   * collections (the fixtures' `Shared` if it is still there), entered through `POST /s/{token}`.
   * Without any collection left, the visitor holds no cookie.
   */
  admitVisitor(): Promise<void>;
  /** Brings sessions and passwords back to the start after a request changed them. */
  settle(method: string, response: LightMyRequestResponse): Promise<void>;
  close(): Promise<void>;
}

/** Builds the world over an opened store; `seed` decides every ID and token the server makes. */
export async function createFuzzWorld(store: OpenedStore, seed: number): Promise<FuzzWorld> {
  const { storage, db } = store;
  const config = testConfig({
    logLevel: 'silent',
    // High enough that 429 stays one answer among many instead of masking the rest.
    rateLimitIp: 1_000_000,
    rateLimitSession: 1_000_000,
    rateLimitImages: 1_000_000,
    loginMaxFailuresIp: 1_000_000,
    loginMaxFailuresAccountIp: 1_000_000,
    loginSoftLimitAccount: 1_000_000,
    passwordResetMaxIp: 1_000_000,
    passwordResetMaxAccount: 1_000_000,
    // Open, so that the sign-up routes are fuzzed past their 403.
    signUp: 'open',
  });
  const clock = manualClock();
  const random = seededRandom(seed);
  const services = createServices({ config, storage, clock, random });
  const passwordHash = await services.passwords.hash(TEST_PASSWORD);

  async function studio(name: string, subdomain: string, roles: readonly Role[]) {
    const accountId = newId('account', random.bytes);
    await storage.accounts.create({
      id: accountId,
      name,
      subdomain,
      plan: 'pro',
      timezone: 'UTC',
      currency: 'USD',
      locale: 'en-US',
      createdAt: clock.now(),
    });
    const users = {} as Record<Role, UserRecord>;
    for (const role of roles) {
      const user: UserRecord = {
        id: newId('user', random.bytes),
        accountId,
        email: `${role.replace('_', '-')}@${subdomain}.example.com`,
        firstName: role,
        lastName: 'Fuzz',
        role,
        passwordHash,
        createdAt: clock.now(),
      };
      await storage.users.create(user);
      users[role] = user;
    }
    return { accountId, users };
  }

  const home = await studio('Fuzz Studio', 'fuzz', ROLES);
  const other = await studio('Other Studio', 'other', ['owner', 'gallery_client']);
  const foreign: ForeignStudio = {
    accountId: other.accountId,
    owner: other.users.owner,
    galleryClient: other.users.gallery_client,
  };

  const deps = { config, storage, clock, random, services };
  const apps: Record<ApiKind, FastifyInstance> = {
    studio: await buildApp({ ...deps, api: 'studio' }),
    gallery: await buildApp({ ...deps, api: 'gallery' }),
  };
  await Promise.all(APIS.map((api) => apps[api].ready()));

  async function signInJar(api: ApiKind, email: string): Promise<CookieJar> {
    const response = await apps[api].inject({
      method: 'POST',
      url: '/login',
      payload: { email, password: TEST_PASSWORD },
    });
    if (response.statusCode !== 200) {
      throw new Error(
        `Signing in as ${email} failed with ${response.statusCode}: ${response.body}`,
      );
    }
    const { data } = response.json() as { data: { csrf_token: string } };
    return new CookieJar(data.csrf_token).apply(response);
  }

  /**
   * A fresh session for a role without `POST /login`, which would cost a password hash every
   * time a request ended a role's session: the session service is what that route calls once
   * the password checks out.
   */
  async function freshJar(role: Role): Promise<CookieJar> {
    const issued = await services.sessions.signIn(home.users[role], {
      userAgent: 'route-fuzz',
      ip: '127.0.0.1',
    });
    const csrf = csrfTokenFor(issued.sessionId);
    return new CookieJar(csrf, [
      [COOKIE_NAMES.session, issued.sessionId],
      [COOKIE_NAMES.authToken, issued.authToken],
      [COOKIE_NAMES.csrf, csrf],
    ]);
  }

  const jars = new Map<string, CookieJar>();
  const key = (api: ApiKind, role: FuzzRole) => `${api}:${role}`;
  for (const api of APIS) {
    for (const role of ROLES)
      jars.set(key(api, role), await signInJar(api, home.users[role].email));
    // Anonymous has what a browser has before signing in: the login page's CSRF cookie.
    const anonymous = new CookieJar().apply(
      await apps[api].inject({ method: 'GET', url: '/login' }),
    );
    anonymous.csrf = anonymous.cookies.get(COOKIE_NAMES.csrf) ?? '';
    jars.set(key(api, 'anonymous'), anonymous);
  }

  /** Whether a role's jar still holds a live session of that role's own user. */
  async function stillSignedIn(api: ApiKind, role: Role, jar: CookieJar): Promise<boolean> {
    const response = await apps[api].inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: jar.header() },
    });
    if (response.statusCode !== 200) return false;
    const data = (response.json() as { data: { user: { email: string }; csrf_token: string } })
      .data;
    if (data.user.email !== home.users[role].email) return false;
    jar.csrf = data.csrf_token;
    return true;
  }

  let visitor = new CookieJar();

  async function admitVisitor(): Promise<void> {
    const collections = await db
      .selectFrom('collections')
      .select(['id', 'name'])
      .where('account_id', '=', home.accountId)
      .orderBy('id')
      .execute();
    const target = collections.find((c) => c.name === 'Shared') ?? collections[0];
    visitor = new CookieJar();
    if (!target) return;
    const token = newSecret(random);
    const now = clock.now();
    await storage.shareLinks.create({
      id: newId('shareLink', random.bytes),
      accountId: home.accountId,
      collectionId: Number(target.id),
      tokenHash: hashSecret(token),
      passwordHash: null,
      downloads: 'web',
      galleryIds: null,
      photoId: null,
      expiresAt: null,
      visits: 0,
      lastVisitedAt: null,
      createdBy: home.users.owner.id,
      createdAt: now,
    });
    // The collection may have a password the fuzzer set: then the visitor stays locked out,
    // which is one more kind of caller to try every route as.
    const response = await apps.gallery.inject({
      method: 'POST',
      url: `/s/${token}`,
      payload: { email: 'visitor@fuzz.example.com' },
    });
    if (response.statusCode === 200) {
      const { data } = response.json() as { data: { csrf_token: string } };
      visitor = new CookieJar(data.csrf_token).apply(response);
    }
  }

  /** Whether the visitor's cookie still opens its link (locked by a password or not). */
  async function visitorAlive(): Promise<boolean> {
    if (visitor.cookies.size === 0) return false;
    const response = await apps.gallery.inject({
      method: 'GET',
      url: '/api/v1/csrf-token',
      headers: { cookie: visitor.header() },
    });
    return response.statusCode === 200;
  }

  const allUsers = [...Object.values(home.users), foreign.owner, foreign.galleryClient];
  return {
    apps,
    store,
    accountId: home.accountId,
    users: home.users,
    foreign,
    clock,
    random,
    emails: allUsers.map((u) => u.email),
    idOf: (resource, index) => liveId(db, resource, index),
    credentials(api, role) {
      const jar = role === 'visitor' ? visitor : jars.get(key(api, role));
      return { cookie: jar?.header() ?? '', csrf: jar?.csrf ?? '' };
    },
    async signIn(api, email) {
      const jar = await signInJar(api, email);
      return { cookie: jar.header(), csrf: jar.csrf };
    },
    admitVisitor,
    async settle(method, response) {
      // A download's record is completed when its response closes, just after the answer:
      // let it land before the next request snapshots the tables.
      for (let turn = 0; turn < 10_000; turn++) {
        const running = await db
          .selectFrom('downloads')
          .select('id')
          .where('finished_at', 'is', null)
          .executeTakeFirst();
        if (!running) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const changedSessions = response.cookies.length > 0;
      const wrote = method !== 'GET' && method !== 'HEAD' && response.statusCode < 400;
      if (!changedSessions && !wrote) return;
      // A login, refresh, logout, password change or session revocation may have replaced or
      // ended a role's session, on this API or the other: sign that role in again.
      for (const api of APIS) {
        for (const role of ROLES) {
          const jar = jars.get(key(api, role));
          if (jar && !(await stillSignedIn(api, role, jar))) {
            jars.set(key(api, role), await freshJar(role));
          }
        }
      }
      // A member's role changed or removed: put every user back as made, so the roles stay
      // themselves (a role change or removal also ended their sessions, renewed above first).
      const restored = await db
        .updateTable('users')
        .set((eb) => ({ disabled_at: null, email_key: eb.fn('lower', [eb.ref('email')]) }))
        .where('disabled_at', 'is not', null)
        .executeTakeFirst();
      let roleChanged = Number(restored.numUpdatedRows) > 0;
      for (const user of allUsers) {
        // A removal deleted the membership; a role change altered it.
        const back = await storage.users.addMembership(
          user.accountId,
          user.id,
          user.role,
          clock.now(),
        );
        const result = await db
          .updateTable('memberships')
          .set({ role: user.role })
          .where('user_id', '=', user.id)
          .where('account_id', '=', user.accountId)
          .where('role', '!=', user.role)
          .executeTakeFirst();
        await db
          .updateTable('users')
          .set({ account_id: user.accountId })
          .where('id', '=', user.id)
          .execute();
        if (back || Number(result.numUpdatedRows) > 0) roleChanged = true;
      }
      if (roleChanged) {
        for (const api of APIS) {
          for (const role of ROLES) {
            const jar = jars.get(key(api, role));
            if (jar && !(await stillSignedIn(api, role, jar))) {
              jars.set(key(api, role), await freshJar(role));
            }
          }
        }
      }
      // A password change the fuzzer got right: put the password back so later logins work.
      const changed = await db
        .selectFrom('users')
        .select('id')
        .where('password_hash', '!=', passwordHash)
        .execute();
      for (const { id } of changed) await storage.users.updatePasswordHash(id, passwordHash);
      // A revoked link or a deleted collection ended the visitor: let another one in.
      if (!(await visitorAlive())) await admitVisitor();
    },
    async close() {
      await Promise.all(APIS.map((api) => apps[api].close()));
      await storage.close();
    },
  };
}
