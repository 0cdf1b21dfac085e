/**
 * An opener and the composer in one call, for tests that want storage and nothing else:
 * `await openSqliteStorage(':memory:')` (exclusive, as a private database is).
 */
import { type ComposeStorageOptions, composeStorage } from '../../src/storage/compose-storage.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { openPostgres, type PostgresOptions } from '../../src/storage/postgres.js';
import { openSqlite } from '../../src/storage/sqlite.js';

export async function openSqliteStorage(
  filename: string,
  options: ComposeStorageOptions = {},
): Promise<Storage> {
  return composeStorage(await openSqlite(filename), options);
}

/** PostgreSQL storage as one instance of several has it: SQL sessions, memory counters. */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<Storage> {
  return composeStorage(await openPostgres(url, options));
}
