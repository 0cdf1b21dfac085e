import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the stores build (search and type filters vary the text). */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/** The part of better-sqlite3's `Database` used here. */
export type StatementSource = Pick<BetterSqlite3.Database, 'prepare' | 'close'>;

type Row = Record<string, unknown>;

/**
 * A reader statement that fetches rows as arrays and builds the objects in JavaScript:
 * better-sqlite3 builds each row object natively, re-creating every column name per cell,
 * which took twice as long as fetching the values for a 25-row page of 17 columns.
 * Duplicate column names resolve as better-sqlite3's objects do: the last one wins.
 */
function objectRows(statement: BetterSqlite3.Statement): SqliteStatement {
  const raw = statement.raw(true);
  const names = raw.columns().map((column) => column.name);
  const toObject = (values: unknown[]): Row => {
    const row: Row = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
    return row;
  };
  return {
    reader: true,
    all(parameters) {
      const rows = raw.all(parameters) as unknown[][];
      const objects = new Array<Row>(rows.length);
      for (let i = 0; i < rows.length; i++) objects[i] = toObject(rows[i] as unknown[]);
      return objects;
    },
    run(parameters) {
      return raw.run(parameters);
    },
    *iterate(parameters) {
      for (const values of raw.iterate(parameters) as IterableIterator<unknown[]>) {
        yield toObject(values);
      }
    },
  };
}

/**
 * A database for Kysely's SQLite dialect whose `prepare` returns a cached statement for SQL it
 * has prepared before: Kysely's driver prepares on every query, and compiling SQL was a tenth
 * of an authenticated GET's CPU. Reusing a statement is safe because the driver runs one query
 * at a time on its single connection (and holds it while a stream iterates), and better-sqlite3
 * re-prepares a statement by itself when a migration changes the schema under it. Row objects
 * are built from column names read at prepare time, so the cache is emptied whenever the schema
 * version changes (by this connection or another). The least recently used statement is dropped
 * once `size` are held.
 */
export function cachingStatements(
  database: StatementSource,
  size = DEFAULT_STATEMENT_CACHE_SIZE,
): SqliteDatabase & { cachedStatements(): number } {
  const statements = new Map<string, SqliteStatement>();
  // Reading the header's schema cookie costs well under a microsecond.
  const schemaVersion = database.prepare('pragma schema_version').pluck(true);
  let version = schemaVersion.get();
  return {
    prepare(sql) {
      const current = schemaVersion.get();
      if (current !== version) {
        statements.clear();
        version = current;
      }
      const cached = statements.get(sql);
      if (cached) {
        // A Map keeps insertion order: re-inserting marks the statement most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const prepared = database.prepare(sql);
      const statement = prepared.reader ? objectRows(prepared) : prepared;
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
    cachedStatements: () => statements.size,
  };
}
