/**
 * A complete Proofsheet, in-process, for tests: both APIs over a private SQLite database with a
 * manual clock, and an owner, an assistant and a gallery client to sign in as. Integrators use
 * it to test their code against a faithful server; our own packages' tests use it too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, type Role } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { buildApp, createServices, type SharedServices } from './app.js';
import { startPasswordResetWorkers } from './auth/password-reset/reset-job.js';
import { startSignUpWorkers } from './auth/sign-up/sign-up-job.js';
import { base32Bytes, totpCode } from './auth/two-factor/totp.js';
import { type Config, testConfig } from './config/config.js';
import { type ManualClock, manualClock, systemRandom } from './deps.js';
import { startPhotoWorkers } from './gallery/photos/worker.js';
import type { ResponseObserver } from './http/response-observer.js';
import { startMailWorkers } from './mail/mail-worker.js';
import type { Mailer } from './mail/mailer.js';
import { composeStorage } from './storage/compose-storage.js';
import { jobQueueOptions } from './storage/create-job-queue.js';
import type { Storage } from './storage/ports/storage.js';
import type { UserRecord } from './storage/ports/user-store.js';
import { openSqlite } from './storage/sqlite.js';

/** The password of every user a test studio creates. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A running test studio; see {@link createTestStudio}. */
export interface TestStudio {
  studio: FastifyInstance;
  gallery: FastifyInstance;
  storage: Storage;
  /** Move it to expire sessions and tokens without sleeping. */
  clock: ManualClock;
  config: Config;
  services: SharedServices;
  accountId: string;
  /** `owner@example.com`, `assistant@example.com`, `gallery-client@example.com`. */
  users: Record<Role, UserRecord>;
  /** How many session refreshes (auth-token rotations) reached the store. */
  refreshes(): number;
  /**
   * Turns on two-factor sign-in for a user, as the account page does, and returns how to
   * answer it: the code an authenticator app would show at the studio's clock, and the
   * recovery codes. Sign-in as that user then answers 401 `mfa_required`.
   */
  enrollTotp(role: Role): Promise<{ code(): string; recoveryCodes: string[] }>;
  /**
   * Another studio on the same server, with an owner who signs in with `TEST_PASSWORD`: for
   * tests of people in several studios, and of what one studio must never see of another.
   */
  addStudio(name: string): Promise<{ accountId: string; owner: UserRecord }>;
  /** Listens on 127.0.0.1 (random ports) and returns both base URLs. */
  listen(): Promise<{ studioUrl: string; galleryUrl: string }>;
  close(): Promise<void>;
}

/** Where a test studio keeps its data, and who watches its responses. */
export interface TestStudioOptions {
  /**
   * An opened, migrated storage (PostgreSQL, say) to use instead of a private SQLite
   * `:memory:`; the studio closes it with the rest.
   */
  storage?: Storage;
  /** Shown every response either API sends: to check them against the OpenAPI documents. */
  observe?: ResponseObserver;
  /**
   * Start this many photo workers, as the real server does, so that uploads become `ready`
   * (on the studio's storage and clock). @default 0: uploads stay `processing`, their jobs queued
   */
  photoWorkers?: number;
  /**
   * Start the mail workers (and the password reset and sign-up jobs) with this mailer, as the real server
   * does: an `outboxMailer()`, or an `smtpMailer()` to a test SMTP server. @default none: reset
   * requests and messages stay queued
   */
  mailer?: Mailer;
  /** Told when a mail attempt failed (the test SMTP server was down). */
  onMailError?: (error: unknown, messageId: string) => void;
}

/**
 * Builds both APIs over SQLite `:memory:` (or the given storage) with a manual clock.
 *
 * @example
 * const t = await createTestStudio();
 * const { studioUrl } = await t.listen();
 * // … sign in as t.users.owner.email with TEST_PASSWORD, then t.clock.advance(31 * 60_000)
 * await t.close();
 */
export async function createTestStudio(
  overrides: Partial<Config> = {},
  options: TestStudioOptions = {},
): Promise<TestStudio> {
  // Idle workers look for jobs often: a test waits for processing, never for a poll.
  // Its own data directory (unfinished uploads go there), unless the test names one.
  const scratch = overrides.dataDir ? null : mkdtempSync(join(tmpdir(), 'proofsheet-studio-'));
  const config = testConfig({
    logLevel: 'silent',
    jobPollIntervalMs: 20,
    ...(scratch ? { dataDir: scratch } : {}),
    ...overrides,
  });
  const clock = manualClock();
  const random = systemRandom;
  // The job queue runs on the test's clock: moving it expires leases and backoff delays.
  const storage =
    options.storage ??
    composeStorage(await openSqlite(':memory:'), {
      clock,
      random,
      queue: jobQueueOptions(config),
    });
  let refreshes = 0;
  const rotate = storage.sessions.rotate.bind(storage.sessions);
  storage.sessions.rotate = (hash, next) => {
    refreshes += 1;
    return rotate(hash, next);
  };
  const services = createServices({ config, storage, clock, random });
  async function addAccount(name: string, subdomain: string): Promise<string> {
    const id = newId('account', random.bytes);
    await storage.accounts.create({
      id,
      name,
      subdomain,
      plan: 'pro',
      timezone: 'UTC',
      currency: 'USD',
      locale: 'en-US',
      createdAt: clock.now(),
    });
    return id;
  }
  const accountId = await addAccount('Test Studio', 'teststudio');
  const passwordHash = await services.passwords.hash(TEST_PASSWORD);
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
  const deps = {
    config,
    storage,
    clock,
    random,
    services,
    ...(options.observe ? { observe: options.observe } : {}),
  };
  const studio = await buildApp({ ...deps, api: 'studio' });
  const gallery = await buildApp({ ...deps, api: 'gallery' });
  if (options.photoWorkers) {
    await startPhotoWorkers(
      { storage, clock },
      { concurrency: options.photoWorkers, threads: config.photoThreads },
    );
  }
  if (options.mailer) {
    const workers = { storage, config, clock, random };
    await startPasswordResetWorkers(workers, { concurrency: 1 });
    await startSignUpWorkers(workers, { concurrency: 1 });
    await startMailWorkers(workers, options.mailer, {
      concurrency: 1,
      ...(options.onMailError ? { onError: options.onMailError } : {}),
    });
  }
  return {
    studio,
    gallery,
    storage,
    clock,
    config,
    services,
    accountId,
    users,
    refreshes: () => refreshes,
    async enrollTotp(role) {
      const user = users[role];
      const { secret } = await services.twoFactor.start(user);
      const bytes = base32Bytes(secret);
      const code = () => totpCode(bytes, clock.now().getTime());
      const recoveryCodes = await services.twoFactor.confirm(user, code());
      // The confirming code's step is used up: the next sign-in needs the next step's code.
      clock.advance(30_000);
      return { code, recoveryCodes };
    },
    async addStudio(name) {
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 20);
      const id = await addAccount(name, `${slug}${random.bytes(4).join('').slice(0, 8)}`);
      const owner: UserRecord = {
        ...users.owner,
        id: newId('user', random.bytes),
        accountId: id,
        email: `owner-${id.slice(3, 10).toLowerCase()}@second.example.com`,
      };
      await storage.users.create(owner);
      return { accountId: id, owner };
    },
    async listen() {
      const studioUrl = await studio.listen({ host: '127.0.0.1', port: 0 });
      const galleryUrl = await gallery.listen({ host: '127.0.0.1', port: 0 });
      return { studioUrl, galleryUrl };
    },
    async close() {
      await studio.close();
      await gallery.close();
      await services.audit.flush();
      await storage.close();
      await options.mailer?.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
