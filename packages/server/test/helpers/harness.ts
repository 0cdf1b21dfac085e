/**
 * Builds an API on SQLite `:memory:` with a manual clock, and creates users to sign in with.
 * Route tests use `inject()`; socket tests call `listen()` themselves.
 */
import { newId, type Role } from '@proofsheet/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type ApiKind, buildApp, createServices, type SharedServices } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config/config.js';
import { type ManualClock, manualClock, systemRandom } from '../../src/deps.js';
import type { Storage, UserRecord } from '../../src/storage/ports.js';
import { openSqlite } from '../../src/storage/sqlite.js';

export const PASSWORD = 'correct horse battery staple';

export interface Harness {
  studio: FastifyInstance;
  gallery: FastifyInstance;
  storage: Storage;
  clock: ManualClock;
  config: Config;
  services: SharedServices;
  accountId: string;
  users: Record<Role, UserRecord>;
  close(): Promise<void>;
}

/** Both APIs over one fresh database, with an owner, an assistant and a gallery client. */
export async function createHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const config = testConfig({ logLevel: 'silent', ...overrides });
  const { storage } = await openSqlite(':memory:');
  const clock = manualClock();
  const random = systemRandom;
  const services = createServices({ config, storage, clock, random });
  const accountId = newId('account', random.bytes);
  await storage.accounts.create({
    id: accountId,
    name: 'Test Studio',
    subdomain: 'teststudio',
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: clock.now(),
  });
  const passwordHash = await services.passwords.hash(PASSWORD);
  const users = {} as Record<Role, UserRecord>;
  for (const role of ['owner', 'assistant', 'gallery_client'] as const) {
    const user: UserRecord = {
      id: newId('user', random.bytes),
      accountId,
      email: `${role.replace('_', '-')}@example.com`,
      firstName: role,
      lastName: 'Tester',
      role,
      passwordHash,
      createdAt: clock.now(),
    };
    await storage.users.create(user);
    users[role] = user;
  }
  const deps = { config, storage, clock, random, services };
  const studio = await buildApp({ ...deps, api: 'studio' as ApiKind });
  const gallery = await buildApp({ ...deps, api: 'gallery' as ApiKind });
  return {
    studio,
    gallery,
    storage,
    clock,
    config,
    services,
    accountId,
    users,
    async close() {
      await studio.close();
      await gallery.close();
      await storage.close();
    },
  };
}

/** Cookies and CSRF token of a signed-in client, ready to send with `inject()`. */
export interface Credentials {
  cookies: Record<string, string>;
  csrf: string;
  /** `Cookie` header value. */
  cookie: string;
  /** Headers for an unsafe request: cookie and CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Collects `name=value` pairs from a response's Set-Cookie headers. */
export function setCookies(response: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of response.cookies as Array<{ name: string; value: string }>) out[c.name] = c.value;
  return out;
}

export function credentialsFrom(cookies: Record<string, string>, csrf: string): Credentials {
  const cookie = Object.entries(cookies)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return { cookies, csrf, cookie, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Signs in through `POST /login` as a JSON client and returns the credentials. */
export async function login(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
): Promise<Credentials> {
  const response = await app.inject({
    method: 'POST',
    url: '/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login failed with ${response.statusCode}: ${response.body}`);
  }
  const body = response.json() as { data: { csrf_token: string } };
  return credentialsFrom(setCookies(response), body.data.csrf_token);
}

/** Signs in as one of the harness's roles. */
export function loginAs(h: Harness, role: Role, app?: FastifyInstance): Promise<Credentials> {
  return login(app ?? (role === 'gallery_client' ? h.gallery : h.studio), h.users[role].email);
}
