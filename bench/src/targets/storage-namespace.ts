/**
 * A fresh PostgreSQL schema and Redis key prefix per bench run, so that the bench neither
 * sees nor leaves rows and keys of anything else on the shared servers.
 */
import type { ServerModules } from '../server-modules.js';

export interface Namespace {
  schema: string;
  redisKeyPrefix: string;
}

/** Names are made by the orchestrator from its pid: letters, digits and underscores only. */
function checkName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  return schema;
}

export async function createSchema(
  server: ServerModules,
  url: string,
  schema: string,
): Promise<void> {
  const pool = server.postgresPool(url);
  try {
    await pool.query(`create schema if not exists ${checkName(schema)}`);
  } finally {
    await pool.end();
  }
}

/**
 * Vacuums and analyzes the clients table after a bulk load, as autovacuum does within a minute
 * of 100,000 inserts: the bench measures that steady state, not the first minute. Without
 * statistics PostgreSQL plans a deep page as a full sort that spills to disk (117 ms instead of
 * 25 ms per call here); without the visibility map an index-only scan still reads every row.
 */
export async function analyzeClients(server: ServerModules, url: string, schema: string) {
  const pool = server.postgresPool(url);
  try {
    await pool.query(`vacuum (analyze) ${checkName(schema)}.clients`);
  } finally {
    await pool.end();
  }
}

/** Drops the schema and deletes every Redis key under the prefix. */
export async function dropNamespace(
  server: ServerModules,
  urls: { database: string; redis: string },
  ns: Namespace,
): Promise<void> {
  const pool = server.postgresPool(urls.database);
  try {
    await pool.query(`drop schema if exists ${checkName(ns.schema)} cascade`);
  } finally {
    await pool.end();
  }
  const redis = await server.connectRedis(urls.redis);
  try {
    let cursor = '0';
    // Bounded: SCAN visits each key at most a few times and ends at cursor 0.
    for (let i = 0; i < 1_000_000; i++) {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${ns.redisKeyPrefix}*`,
        'COUNT',
        1000,
      );
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    await server.closeRedis(redis);
  }
}
