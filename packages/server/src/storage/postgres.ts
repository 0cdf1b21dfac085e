import { setTimeout as sleep } from 'node:timers/promises';
import { type Dialect, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { guardedDialect } from './guarded-dialect.js';
import { isPostgresUnavailable } from './postgres-errors.js';
import { currentSchemaIntrospector } from './postgres-introspector.js';
import { migrate } from './sql/migrate.js';
import type { Database } from './sql/schema.js';
import type { SqlConnection } from './sql-connection.js';
import { StorageUnavailableError } from './unavailable.js';

export interface PostgresOptions {
  /** Schema to use instead of `public` (the tests use one per run). */
  searchPath?: string;
  /** Pool size per instance. @default 10 */
  maxConnections?: number;
  /** Longest wait for a connection, new or pooled. @default 3000 */
  connectTimeoutMs?: number;
  /** Longest a statement may run, enforced by the server and again by the client. @default 10000 */
  statementTimeoutMs?: number;
  /** Told about connection errors that no request is waiting on (the pool's `error` events). */
  onError?: (error: Error) => void;
}

/**
 * Times are integer milliseconds in `bigint` columns, and counts come back as `bigint`: parse
 * int8 as a JavaScript number (exact up to 2^53, far beyond any time or count stored here) and
 * `numeric` (sums of bigints) likewise, so rows look the same as from SQLite.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) {
      return (value: string) => Number(value);
    }
    return format === 'binary'
      ? pg.types.getTypeParser(oid, 'binary')
      : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Longest a readiness probe waits for PostgreSQL. */
const HEALTH_TIMEOUT_MS = 2000;

/** Any fixed 64-bit key: every instance of every version must use the same one. */
const MIGRATION_LOCK_KEY = 7_402_915_337;

/** Makes a pool whose every wait is bounded, so a dead database answers 503 rather than hanging. */
export function postgresPool(url: string, options: PostgresOptions = {}): pg.Pool {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    // The client-side bound also covers a network that silently drops packets.
    query_timeout: statementTimeout + 2000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    application_name: 'proofsheet',
    types,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A connection lost while idle is reported on the pool, and while checked out on the client
  // itself (its query fails too); unhandled, either 'error' event would crash the process.
  pool.on('error', (error) => options.onError?.(error));
  pool.on('connect', (client) => client.on('error', (error) => options.onError?.(error)));
  return pool;
}

/**
 * Kysely's PostgreSQL dialect over `pool`, with an introspector that stays inside the current
 * schema (see `currentSchemaIntrospector` for why).
 */
export function postgresDialect(pool: pg.Pool): Dialect {
  const dialect = new PostgresDialect({ pool });
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => dialect.createDriver(),
    createIntrospector: (db) => currentSchemaIntrospector(db),
  };
}

function translate(error: unknown): unknown {
  return isPostgresUnavailable(error) ? new StorageUnavailableError('postgres', error) : error;
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock held by one connection, so that
 * instances starting at once migrate one after another instead of racing on `CREATE TABLE`.
 */
export async function migrateWithLock(db: Kysely<Database>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    // Waiting for another instance's migration may take longer than a request may.
    await sql`set statement_timeout = 0`.execute(conn);
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
        conn,
      );
      const schema = rows[0]?.schema;
      return await migrate(conn, schema ? { migrationTableSchema: schema } : {});
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
      await sql`reset statement_timeout`.execute(conn);
    }
  });
}

/** A PostgreSQL connection, with its pool for what Kysely does not say (`vacuum`, say). */
export interface PostgresConnection extends SqlConnection {
  pool: pg.Pool;
}

/**
 * Connects to PostgreSQL and migrates it. Other instances may share the database: storage over
 * it is never private to this process. The stores over it are made by `composeStorage`.
 */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresConnection> {
  const pool = postgresPool(url, options);
  const db = new Kysely<Database>({
    dialect: guardedDialect(postgresDialect(pool), translate),
  });
  try {
    await migrateWithLock(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    pool,
    name: 'postgres',
    private: false,
    ping: () => {
      // A network that drops packets would hold the probe until the query timeout; a readiness
      // check must answer sooner than that.
      const probe = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      const timeout = sleep(HEALTH_TIMEOUT_MS, false, { ref: false });
      return Promise.race([probe, timeout]);
    },
    close: () => db.destroy(),
  };
}
