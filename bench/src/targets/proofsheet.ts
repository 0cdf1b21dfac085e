/**
 * Proofsheet itself: `buildApp` of the Studio API on SQLite (a temporary file) or on
 * PostgreSQL + Redis, with rate limits raised out of the way and logging off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TargetServer } from '../control.js';
import { BENCH_USER, benchClient, benchStudio, idleLogin, seededBytes } from '../fixtures.js';
import {
  type Config,
  loadServer,
  type PasswordHasher,
  type ServerModules,
  type Storage,
} from '../server-modules.js';
import { countSessionWrites } from './counted-storage.js';
import { seedConcurrently } from './seed-concurrently.js';
import {
  analyzeClients,
  createSchema,
  dropNamespace,
  type Namespace,
} from './storage-namespace.js';

export const BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Sessions added per transaction. Real sign-ins commit one at a time; batches only make seeding
 * fast. With 5,000 per transaction the process held ~80 MB more native memory right after
 * seeding than with 500 (262 vs 179 MB), memory a server signing people in never holds.
 */
const SESSION_BATCH = 500;

/** Seeds in one transaction where the storage allows it (SQLite), else many calls at once. */
interface Bulk {
  sessions(logins: ReturnType<typeof idleLogin>[]): Promise<void>;
  clients(clients: ReturnType<typeof benchClient>[]): Promise<void>;
}

async function openStorage(
  server: ServerModules,
  kind: 'sqlite' | 'postgres',
  seed: boolean,
): Promise<
  | {
      storage: Storage;
      bulk: Bulk;
      description: string;
      config: Config;
      cleanup: () => Promise<void>;
    }
  | string
> {
  const limits = { rateLimitSession: 1_000_000, rateLimitIp: 1_000_000, logLevel: 'silent' };
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'proofsheet-bench-'));
    // Exclusive, as `createStorage` opens SQLite without REDIS_URL: sessions and client lists
    // are cached in process.
    const connection = await server.openSqlite(join(dir, 'bench.db'));
    const { db } = connection;
    const storage = server.composeStorage(connection, { exclusive: true });
    const bulk: Bulk = {
      sessions: (logins) =>
        db.transaction().execute(async (trx) => {
          const store = server.sqlSessionStore(trx);
          for (const login of logins) await store.create(login);
        }),
      // Through the store, so that its caches hear of the new clients.
      clients: (clients) => storage.clients.createMany(clients),
    };
    return {
      storage,
      bulk,
      description: 'Proofsheet, SQLite (temporary file, WAL, synchronous=FULL)',
      config: server.testConfig({ ...limits, dataDir: dir }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const urls = {
    database: process.env.BENCH_DATABASE_URL ?? BENCH_DATABASE_URL,
    redis: process.env.BENCH_REDIS_URL ?? BENCH_REDIS_URL,
  };
  const config = server.testConfig({
    ...limits,
    databaseUrl: urls.database,
    redisUrl: urls.redis,
  });
  const namespace: Namespace = {
    schema: process.env.BENCH_PG_SCHEMA ?? `bench_${process.pid}`,
    redisKeyPrefix: process.env.BENCH_REDIS_PREFIX ?? `proofsheet-bench:${process.pid}:`,
  };
  let opened: { storage: Storage; description: string };
  try {
    if (seed) await createSchema(server, urls.database, namespace.schema);
    opened = await server.createStorage(config, {
      postgresSearchPath: namespace.schema,
      redisKeyPrefix: namespace.redisKeyPrefix,
    });
  } catch (error) {
    if (seed) await dropNamespace(server, urls, namespace).catch(() => {});
    return `PostgreSQL + Redis storage did not open: ${error instanceof Error ? error.message : String(error)}`;
  }
  const { storage } = opened;
  const bulk: Bulk = {
    sessions: (logins) => seedConcurrently(logins, (l) => storage.sessions.create(l)),
    clients: async (clients) => {
      await seedConcurrently(clients, (c) => storage.clients.create(c));
      await analyzeClients(server, urls.database, namespace.schema);
    },
  };
  return {
    storage,
    bulk,
    description: `Proofsheet, ${opened.description} (schema ${namespace.schema}, key prefix ${namespace.redisKeyPrefix})`,
    config,
    // The seeding instance made the namespace, and stops last: it removes it.
    cleanup: seed ? () => dropNamespace(server, urls, namespace) : async () => {},
  };
}

/** The account, owner and 25 clients, unless a previous run or another instance made them. */
export async function seedStudio(storage: Storage, passwords: PasswordHasher) {
  const studio = benchStudio(await passwords.hash(BENCH_USER.password));
  if (!(await storage.accounts.findById(studio.account.id))) {
    await storage.accounts.create(studio.account);
  }
  const user =
    (await storage.users.create(studio.user)) ??
    (await storage.users.findByEmail(BENCH_USER.email));
  if (!user) throw new Error(`could not create or find ${BENCH_USER.email}`);
  if (user.passwordHash !== studio.user.passwordHash) {
    await storage.users.updatePasswordHash(user.id, studio.user.passwordHash);
  }
  for (const client of studio.clients) {
    if (!(await storage.clients.findById(client.accountId, client.id))) {
      await storage.clients.create(client);
    }
  }
  return { ...studio, user };
}

export async function startProofsheet(options: {
  storage: 'sqlite' | 'postgres';
  seed: boolean;
}): Promise<TargetServer | string> {
  const server = await loadServer();
  const opened = await openStorage(server, options.storage, options.seed);
  if (typeof opened === 'string') return opened;
  const { storage, writes } = countSessionWrites(opened.storage);
  const deps = {
    config: opened.config,
    storage,
    clock: server.systemClock,
    random: server.systemRandom,
  };
  const services = server.createServices(deps);
  const studio = options.seed ? await seedStudio(opened.storage, services.passwords) : null;
  const app = await server.buildApp({ ...deps, api: 'studio', services });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  const bytes = seededBytes(process.pid);
  return {
    port: address.port,
    description: opened.description,
    sessionWrites: writes,
    async seedSessions(count) {
      if (!studio) return 0;
      const now = new Date();
      for (let done = 0; done < count; done += SESSION_BATCH) {
        const batch = Array.from({ length: Math.min(SESSION_BATCH, count - done) }, () =>
          idleLogin(studio.user, bytes, now),
        );
        await opened.bulk.sessions(batch);
      }
      return count;
    },
    async seedClients(total) {
      if (!studio) return 0;
      const accountId = studio.account.id;
      const page = await opened.storage.clients.list({
        accountId,
        types: null,
        offset: 0,
        limit: 1,
      });
      const missing = Math.max(0, total - page.total);
      for (let done = 0; done < missing; done += 5_000) {
        const batch = Array.from({ length: Math.min(5_000, missing - done) }, (_, i) =>
          benchClient(page.total + done + i, accountId, bytes),
        );
        await opened.bulk.clients(batch);
      }
      return missing;
    },
    async close() {
      await app.close();
      await opened.storage.close();
      await opened.cleanup();
    },
  };
}
