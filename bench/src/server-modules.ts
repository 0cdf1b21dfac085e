/**
 * The server's modules, loaded from its build output. `@proofsheet/server` has no `index.ts`
 * yet, so the bench cannot import it by package name; types come from the sources (a
 * referenced project), code from `packages/server/dist/src/` next to this build.
 */
import { fileURLToPath } from 'node:url';
import type * as App from '../../packages/server/src/app.js';
import type * as HashPoolModule from '../../packages/server/src/auth/hash-pool.js';
import type * as Password from '../../packages/server/src/auth/password.js';
import type * as ConfigModule from '../../packages/server/src/config/config.js';
import type * as Deps from '../../packages/server/src/deps.js';
import type * as CreateStorage from '../../packages/server/src/storage/create-storage.js';
import type * as Postgres from '../../packages/server/src/storage/postgres.js';
import type * as RedisClient from '../../packages/server/src/storage/redis/redis-client.js';
import type * as SqlClients from '../../packages/server/src/storage/sql/clients.js';
import type * as SqlSessions from '../../packages/server/src/storage/sql/sessions.js';
import type * as Sqlite from '../../packages/server/src/storage/sqlite.js';
import type * as ClientView from '../../packages/server/src/studio/clients/view.js';

export type { PasswordHasher } from '../../packages/server/src/auth/password.js';
export type { Config } from '../../packages/server/src/config/config.js';
export type {
  AccountRecord,
  ClientRecord,
  LoginRecord,
  SessionStore,
  Storage,
  UserRecord,
} from '../../packages/server/src/storage/ports.js';

/** From `bench/dist/src/` to `packages/server/dist/src/`. */
const SERVER_DIST = new URL('../../../packages/server/dist/src/', import.meta.url);

async function load<T>(path: string): Promise<T> {
  return (await import(new URL(path, SERVER_DIST).href)) as T;
}

export interface ServerModules {
  app: typeof App;
  config: typeof ConfigModule;
  deps: typeof Deps;
  sqlite: typeof Sqlite;
  createStorage: typeof CreateStorage;
  postgres: typeof Postgres;
  redis: typeof RedisClient;
  sqlSessions: typeof SqlSessions;
  sqlClients: typeof SqlClients;
  password: typeof Password;
  hashPool: typeof HashPoolModule;
  clientView: typeof ClientView;
}

/**
 * The server's thread-pool preload, as `proofsheet-server` runs it: Proofsheet targets are
 * forked with `--require` of it, since libuv's pool starts before any module of theirs runs.
 */
export const START_THREAD_POOL = fileURLToPath(
  new URL('../../../packages/server/bin/start-thread-pool.cjs', import.meta.url),
);

/** Loads every server module the bench uses. */
export async function loadServer(): Promise<ServerModules> {
  const [
    app,
    config,
    deps,
    sqlite,
    createStorage,
    postgres,
    redis,
    sqlSessions,
    sqlClients,
    password,
    hashPool,
    clientView,
  ] = await Promise.all([
    load<typeof App>('app.js'),
    load<typeof ConfigModule>('config/config.js'),
    load<typeof Deps>('deps.js'),
    load<typeof Sqlite>('storage/sqlite.js'),
    load<typeof CreateStorage>('storage/create-storage.js'),
    load<typeof Postgres>('storage/postgres.js'),
    load<typeof RedisClient>('storage/redis/redis-client.js'),
    load<typeof SqlSessions>('storage/sql/sessions.js'),
    load<typeof SqlClients>('storage/sql/clients.js'),
    load<typeof Password>('auth/password.js'),
    load<typeof HashPoolModule>('auth/hash-pool.js'),
    load<typeof ClientView>('studio/client-view.js'),
  ]);
  return {
    app,
    config,
    deps,
    sqlite,
    createStorage,
    postgres,
    redis,
    sqlSessions,
    sqlClients,
    password,
    hashPool,
    clientView,
  };
}
