import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { type Clock, type Random, systemClock, systemRandom } from '../deps.js';
import { composeStorage } from './compose-storage.js';
import { createBlobStore } from './create-blob-store.js';
import { createJobQueue } from './create-job-queue.js';
import type { Storage } from './ports/storage.js';
import { openPostgres } from './postgres.js';
import { connectRedis } from './redis/redis-client.js';
import type { SqlConnection } from './sql-connection.js';
import { openSqlite } from './sqlite.js';
import { type Dependency, isStorageUnavailable } from './unavailable.js';

export interface CreateStorageOptions {
  /** Told about connection errors no request is waiting on (a dropped idle connection, a failed reconnect). */
  onDependencyError?: (dependency: Dependency, error: Error) => void;
  /** Prefix of every Redis key. @default "proofsheet:" */
  redisKeyPrefix?: string;
  /** PostgreSQL schema instead of `public`. */
  postgresSearchPath?: string;
  /** For the job queue's leases and backoff. @default the system's */
  clock?: Clock;
  random?: Random;
  /** Told about job-queue errors no request waits on (a poll that failed). */
  onJobError?: (error: unknown) => void;
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

/** Opens and migrates the database the configuration names: PostgreSQL, or SQLite by default. */
async function openDatabase(
  config: Config,
  options: CreateStorageOptions,
): Promise<{ connection: SqlConnection; description: string }> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const connection = await atStartup('DATABASE_URL', url, () =>
      openPostgres(url, {
        onError: (error) => options.onDependencyError?.('postgres', error),
        ...(options.postgresSearchPath ? { searchPath: options.postgresSearchPath } : {}),
      }),
    );
    return { connection, description: `PostgreSQL at ${shown(url)}` };
  }
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'proofsheet.db');
  return { connection: await openSqlite(file), description: `SQLite at ${file}` };
}

/**
 * Opens the database alone, which applies pending migrations, and closes it: the `migrate`
 * command, which needs no Redis.
 */
export async function migrateDatabase(
  config: Config,
  options: CreateStorageOptions = {},
): Promise<string> {
  const { connection, description } = await openDatabase(config, options);
  await connection.close();
  return description;
}

/**
 * The one place that picks storage implementations from the configuration: SQLite under the
 * data directory by default; PostgreSQL for everything when `DATABASE_URL` is set; Redis for
 * sessions and counters when `REDIS_URL` is set (over either database). Several instances need
 * both: shared rows and shared sessions, rate limits and login throttling. `composeStorage`
 * wires what it opens.
 */
export async function createStorage(
  config: Config,
  options: CreateStorageOptions = {},
): Promise<{ storage: Storage; description: string }> {
  const { connection, description: database } = await openDatabase(config, options);
  const { store: blobs, description: blobPlace } = createBlobStore(config, config.dataDir);
  let jobs: Awaited<ReturnType<typeof createJobQueue>>;
  try {
    jobs = await createJobQueue(config, connection, {
      clock: options.clock ?? systemClock,
      random: options.random ?? systemRandom,
      ...(options.onJobError ? { onError: options.onJobError } : {}),
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const queue = jobs.queue;
  const description = `${database}; ${blobPlace}; ${jobs.description}`;
  if (!config.redisUrl) {
    // One process serving its own SQLite file is its only writer; PostgreSQL may be shared.
    const storage = composeStorage(connection, {
      exclusive: !config.databaseUrl,
      blobs,
      jobs: queue,
    });
    return { storage, description };
  }
  const url = config.redisUrl;
  let client: Awaited<ReturnType<typeof connectRedis>>;
  try {
    client = await atStartup('REDIS_URL', url, () =>
      connectRedis(url, { onError: (error) => options.onDependencyError?.('redis', error) }),
    );
  } catch (error) {
    await queue.stop(0).catch(() => {});
    await connection.close();
    throw error;
  }
  // Redis is there for several instances: a logout on one must reach the others at their next
  // request, so nothing of sessions or clients is cached in process alone.
  const storage = composeStorage(connection, {
    blobs,
    jobs: queue,
    redis: {
      client,
      keyPrefix: options.redisKeyPrefix ?? 'proofsheet:',
      sessionAbsoluteMs: config.sessionLifetimeMs,
      sessionIdleMs: config.sessionIdleMs,
    },
  });
  return {
    storage,
    description: `${description}; sessions and counters in Redis at ${shown(url)}`,
  };
}
