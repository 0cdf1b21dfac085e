import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { memoryCounterStore } from './memory-counters.js';
import type { Storage } from './ports/storage.js';
import type { Database } from './sql/schema.js';
import { migrate, sqlStorage } from './sql-storage.js';
import { cachingStatements } from './statement-cache.js';

/**
 * Opens (creating if needed) a SQLite database and migrates it. `:memory:` gives a private
 * database, which the tests use. `exclusive`: this process alone writes sessions and clients
 * (always so for `:memory:`), so they may be cached in process; `create-storage.ts` decides.
 */
export async function openSqlite(
  filename: string,
  options: { exclusive?: boolean } = {},
): Promise<{ db: Kysely<Database>; storage: Storage }> {
  const database = new BetterSqlite3(filename);
  // WAL lets readers go on while a write commits; FULL makes a commit durable before the
  // write is acknowledged, so no acknowledged write is lost on power failure.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(database) }),
  });
  await migrate(db);
  const storage = sqlStorage(db, {
    exclusive: options.exclusive ?? filename === ':memory:',
    counters: memoryCounterStore(),
    health: async () => {
      await sql`select 1`.execute(db);
      return { sqlite: true };
    },
    close: () => db.destroy(),
  });
  return { db, storage };
}
