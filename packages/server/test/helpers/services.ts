/**
 * The real PostgreSQL and Redis the storage and scale-out tests run against. A missing service
 * skips those tests with a one-line reason, except under CI (`CI=true`), where it fails them:
 * CI must never pass by skipping.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** `false` when the service answers, else the reason to skip (or, under CI, an error). */
export type Availability = false | string;

function unavailable(name: string, url: string, error: unknown): Availability {
  const reason = `${name} is not reachable at ${url} (${error instanceof Error ? error.message : String(error)})`;
  if (process.env.CI === 'true') {
    throw new Error(`${reason}; CI=true requires it: start ${name} before the tests`);
  }
  return `${reason}; set CI=true to fail instead of skipping`;
}

const POSTGRES_CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A schema of its own in the test database, dropped by `drop()`. */
export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

export interface PostgresService {
  skip: Availability;
  /** Creates a fresh schema; only call when `skip` is false. */
  createSchema(): Promise<TestSchema>;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Finds a PostgreSQL to test against (as `postgres`, else as `root`). */
export async function postgresService(): Promise<PostgresService> {
  let lastError: unknown = null;
  for (const url of POSTGRES_CANDIDATES) {
    try {
      await withClient(url, (c) => c.query('select 1'));
      return {
        skip: false,
        async createSchema() {
          const schema = `test_${randomBytes(6).toString('hex')}`;
          await withClient(url, (c) => c.query(`create schema ${schema}`));
          return {
            url,
            schema,
            drop: () =>
              withClient(url, (c) => c.query(`drop schema ${schema} cascade`)).then(() => {}),
          };
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  const skip = unavailable('PostgreSQL', POSTGRES_CANDIDATES.join(' or '), lastError);
  return {
    skip,
    createSchema: () => Promise.reject(new Error(`PostgreSQL unavailable: ${skip}`)),
  };
}

/** A random key prefix in the test Redis, whose keys `drop()` deletes. */
export interface TestKeyspace {
  url: string;
  keyPrefix: string;
  drop(): Promise<void>;
}

export interface RedisService {
  skip: Availability;
  url: string;
  createKeyspace(): Promise<TestKeyspace>;
}

async function withRedis<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: Error | null = null;
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    // connect() only says "Connection is closed."; the error event says why.
    await redis.connect().catch((error: unknown) => {
      throw lastError ?? error;
    });
    return await run(redis);
  } finally {
    redis.disconnect();
  }
}

/** Finds the Redis to test against. */
export async function redisService(): Promise<RedisService> {
  try {
    await withRedis((r) => r.ping());
  } catch (error) {
    const skip = unavailable('Redis', REDIS_URL, error);
    return {
      skip,
      url: REDIS_URL,
      createKeyspace: () => Promise.reject(new Error(`Redis unavailable: ${skip}`)),
    };
  }
  return {
    skip: false,
    url: REDIS_URL,
    async createKeyspace() {
      const keyPrefix = `test:${randomBytes(6).toString('hex')}:`;
      return {
        url: REDIS_URL,
        keyPrefix,
        drop: () =>
          withRedis(async (redis) => {
            let cursor = '0';
            do {
              const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
              if (keys.length > 0) await redis.del(...keys);
              cursor = next;
            } while (cursor !== '0');
          }),
      };
    },
  };
}
