import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Storage } from './ports.js';
import { openSqlite } from './sqlite.js';

/**
 * The one place that picks storage implementations from the configuration: SQLite under the
 * data directory by default; PostgreSQL when `DATABASE_URL` is set, Redis for sessions and
 * counters when `REDIS_URL` is set.
 */
export async function createStorage(config: Config): Promise<{ storage: Storage; description: string }> {
  if (config.databaseUrl || config.redisUrl) {
    throw new Error(
      'DATABASE_URL and REDIS_URL are not supported by this build yet; unset them to use SQLite',
    );
  }
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'proofsheet.db');
  const { storage } = await openSqlite(file);
  return { storage, description: `SQLite at ${file}` };
}
