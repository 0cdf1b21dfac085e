import type { Kysely } from 'kysely';
import type { Database } from './sql/schema.js';

/**
 * An open, migrated SQL database, as an opener (`openSqlite`, `openPostgres`) returns it:
 * what `composeStorage` builds the stores over. It holds no store itself.
 */
export interface SqlConnection {
  /** Every SQL store is built on this. */
  db: Kysely<Database>;
  /** The database's name in health checks. */
  name: 'sqlite' | 'postgres';
  /**
   * No other process can open this database (SQLite `:memory:`), so this process is its only
   * writer whatever the deployment. Storage over a shared database is exclusive only when its
   * caller says so.
   */
  private: boolean;
  /** Whether the database answers, within a bound; never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
