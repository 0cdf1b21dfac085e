import { type Kysely, Migrator } from 'kysely';
import { cachedClientStore } from './client-cache.js';
import type { CounterStore } from './ports/counter-store.js';
import type { Storage } from './ports/storage.js';
import { cachedSessionStore } from './session-cache.js';
import { sqlAccountStore } from './sql/accounts.js';
import { readClientVersion } from './sql/client-versions.js';
import { sqlClientStore } from './sql/clients.js';
import { sqlCollectionStore } from './sql/collections.js';
import { sqlGalleryStore } from './sql/galleries.js';
import { migrationProvider } from './sql/migrations.js';
import { sqlNotificationStore } from './sql/notifications.js';
import type { Database } from './sql/schema.js';
import { sqlSessionStore } from './sql/sessions.js';
import { sqlUserStore } from './sql/users.js';

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

/**
 * Every store over one Kysely database, with counters from elsewhere (memory or Redis). Client
 * lists are cached in process: checked against the database's client version, or, with
 * `exclusive` (this process alone writes the database), against this process's writes alone,
 * which also lets sessions be cached; those caches hear of every write because every write
 * goes through them.
 */
export function sqlStorage(
  db: Kysely<Database>,
  options: {
    exclusive: boolean;
    counters: CounterStore;
    health: () => Promise<Record<string, boolean>>;
    close: () => Promise<void>;
  },
): Storage {
  const sessions = sqlSessionStore(db);
  const clients = sqlClientStore(db);
  return {
    capabilities: { exclusive: options.exclusive },
    accounts: sqlAccountStore(db),
    users: sqlUserStore(db),
    sessions: options.exclusive ? cachedSessionStore(sessions) : sessions,
    clients: cachedClientStore(
      clients,
      options.exclusive ? null : (accountId) => readClientVersion(db, accountId),
    ),
    notifications: sqlNotificationStore(db),
    collections: sqlCollectionStore(db),
    galleries: sqlGalleryStore(db),
    counters: options.counters,
    health: options.health,
    close: options.close,
  };
}
