import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Storage } from './ports/storage.js';
import { openPostgres } from './postgres.js';
import { redisCounterStore } from './redis/counter-store.js';
import { closeRedis, connectRedis } from './redis/redis-client.js';
import { redisSessionStore } from './redis/session-store.js';
import { openSqlite } from './sqlite.js';
import { type Dependency, isStorageUnavailable } from './unavailable.js';

export interface CreateStorageOptions {
  /** Told about connection errors no request is waiting on (a dropped idle connection, a failed reconnect). */
  onDependencyError?: (dependency: Dependency, error: Error) => void;
  /** Prefix of every Redis key. @default "proofsheet:" */
  redisKeyPrefix?: string;
  /** PostgreSQL schema instead of `public`. */
  postgresSearchPath?: string;
}

/** A URL with any password hidden, for messages and logs. */
function shown(url: string): string {
  return url.replace(/\/\/([^@/:]*):[^@/]*@/, '//$1:…@');
}

/** Start-up cannot go on without a dependency: say which URL failed and what to check. */
async function atStartup<T>(variable: string, url: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    const name = error.dependency === 'postgres' ? 'PostgreSQL' : 'Redis';
    const reason = error.cause instanceof Error ? error.cause.message : String(error.cause);
    throw new Error(
      `Cannot connect to ${name} at ${shown(url)} (${reason}): check ${variable} and that the server is running`,
      { cause: error },
    );
  }
}

async function openDatabase(
  config: Config,
  options: CreateStorageOptions,
): Promise<{ storage: Storage; description: string }> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const { storage } = await atStartup('DATABASE_URL', url, () =>
      openPostgres(url, {
        onError: (error) => options.onDependencyError?.('postgres', error),
        ...(options.postgresSearchPath ? { searchPath: options.postgresSearchPath } : {}),
      }),
    );
    return { storage, description: `PostgreSQL at ${shown(url)}` };
  }
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'proofsheet.db');
  // One process serving one SQLite file owns its sessions and clients, unless Redis is there
  // for several instances: then a logout on one must reach the others at their next request.
  const { storage } = await openSqlite(file, { exclusive: config.redisUrl === null });
  return { storage, description: `SQLite at ${file}` };
}

/**
 * Opens the database alone, which applies pending migrations, and closes it: the `migrate`
 * command, which needs no Redis.
 */
export async function migrateDatabase(
  config: Config,
  options: CreateStorageOptions = {},
): Promise<string> {
  const { storage, description } = await openDatabase(config, options);
  await storage.close();
  return description;
}

/**
 * The one place that picks storage implementations from the configuration: SQLite under the
 * data directory by default; PostgreSQL for everything when `DATABASE_URL` is set; Redis for
 * sessions and counters when `REDIS_URL` is set (over either database). Several instances need
 * both: shared rows and shared sessions, rate limits and login throttling.
 */
export async function createStorage(
  config: Config,
  options: CreateStorageOptions = {},
): Promise<{ storage: Storage; description: string }> {
  const base = await openDatabase(config, options);
  if (!config.redisUrl) return base;

  let redis: Awaited<ReturnType<typeof connectRedis>>;
  try {
    const url = config.redisUrl;
    redis = await atStartup('REDIS_URL', url, () =>
      connectRedis(url, { onError: (error) => options.onDependencyError?.('redis', error) }),
    );
  } catch (error) {
    await base.storage.close();
    throw error;
  }
  const keyPrefix = options.redisKeyPrefix ?? 'proofsheet:';
  const database = base.storage;
  const storage: Storage = {
    ...database,
    capabilities: { exclusive: false },
    sessions: redisSessionStore(redis, {
      keyPrefix,
      sessionAbsoluteMs: config.sessionLifetimeMs,
      sessionIdleMs: config.sessionIdleMs,
    }),
    counters: redisCounterStore(redis, { keyPrefix }),
    async health() {
      const [db, cache] = await Promise.all([
        database.health().catch(() => ({ database: false })),
        redis.ping().then(
          () => true,
          () => false,
        ),
      ]);
      return { ...db, redis: cache };
    },
    async close() {
      await Promise.allSettled([database.close(), closeRedis(redis)]);
    },
  };
  return {
    storage,
    description: `${base.description}; sessions and counters in Redis at ${shown(config.redisUrl)}`,
  };
}
