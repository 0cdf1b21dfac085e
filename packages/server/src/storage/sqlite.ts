import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { migrate } from './sql/migrate.js';
import type { Database } from './sql/schema.js';
import type { SqlConnection } from './sql-connection.js';
import { cachingStatements } from './statement-cache.js';

/**
 * Opens (creating if needed) a SQLite database and migrates it. `:memory:` gives a private
 * database, which the tests use. The stores over it are made by `composeStorage`.
 */
export async function openSqlite(filename: string): Promise<SqlConnection> {
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
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    name: 'sqlite',
    private: filename === ':memory:',
    ping: () =>
      sql`select 1`.execute(db).then(
        () => true,
        () => false,
      ),
    close: () => db.destroy(),
  };
}
