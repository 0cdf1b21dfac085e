import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

/**
 * Runs pending migrations; throws with the failing migration's name. `migrationTableSchema`
 * pins Kysely's bookkeeping tables to one PostgreSQL schema: unpinned, Kysely takes such tables
 * in any schema for its own.
 */
export async function migrate(
  db: Kysely<Database>,
  options: { migrationTableSchema?: string } = {},
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...options });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
