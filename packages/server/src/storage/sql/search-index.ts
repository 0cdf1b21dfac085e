/**
 * The substring index behind client search, the one place where SQLite and PostgreSQL differ:
 * SQLite has FTS5's trigram tokenizer, PostgreSQL has pg_trgm, which its planner uses for a
 * plain `LIKE '%…%'` by itself. Both are decided here, once, from the dialect's adapter.
 */
import {
  type DialectAdapter,
  type Expression,
  type Kysely,
  PostgresAdapter,
  type SqlBool,
  sql,
} from 'kysely';
import { containsLiteral } from './like.js';

export type SubstringIndex = 'fts5-trigram' | 'pg-trgm';

/** Which substring index the database behind `db` has (or, during migration, gets). */
export function substringIndexOf(db: {
  getExecutor(): { readonly adapter: DialectAdapter };
}): SubstringIndex {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'pg-trgm' : 'fts5-trigram';
}

/**
 * Creates the index over `clients.search_text` and fills it from the existing rows.
 * SQLite: an external-content FTS5 table keyed by the clients' rowid (which `VACUUM` may
 * renumber, as `clients` has no INTEGER PRIMARY KEY: whoever adds a VACUUM must follow it
 * with `insert into clients_fts(clients_fts) values ('rebuild')`), kept in step by triggers.
 * PostgreSQL: a trigram GIN index, when pg_trgm can be had; without it, LIKE scans, as before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema, so they are untyped by design.
export async function createSearchIndex(db: Kysely<any>): Promise<void> {
  if (substringIndexOf(db) === 'fts5-trigram') {
    await sql`create virtual table clients_fts using fts5(
      search_text, content='clients', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`create trigger clients_fts_insert after insert on clients begin
      insert into clients_fts(rowid, search_text) values (new.rowid, new.search_text);
    end`.execute(db);
    await sql`create trigger clients_fts_delete after delete on clients begin
      insert into clients_fts(clients_fts, rowid, search_text)
        values ('delete', old.rowid, old.search_text);
    end`.execute(db);
    await sql`create trigger clients_fts_update after update of search_text on clients begin
      insert into clients_fts(clients_fts, rowid, search_text)
        values ('delete', old.rowid, old.search_text);
      insert into clients_fts(rowid, search_text) values (new.rowid, new.search_text);
    end`.execute(db);
    await sql`insert into clients_fts(clients_fts) values ('rebuild')`.execute(db);
    return;
  }
  // The migration runs in a transaction, which a failed statement would abort: the savepoint
  // lets a missing privilege cost only the index. The extension goes to `public` so that a
  // schema dropped with CASCADE (as the tests do) cannot take other schemas' indexes with it.
  await sql`savepoint pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm schema public`.execute(db);
    await sql`release savepoint pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint pg_trgm`.execute(db);
  }
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined) return;
  // Qualified: the extension's schema need not be on the search path.
  await sql`create index clients_search_trgm on clients
    using gin (search_text ${sql.id(schema, 'gin_trgm_ops')})`.execute(db);
}

/**
 * `account_id = ?`. SQLite guesses an account has few clients and would walk the account's
 * index, checking each row against the FTS5 match: 14 ms for a rare word at 100,000 clients,
 * against 0.5 ms going from the match (the unary `+` keeps the index out). `fromMatches` says
 * the matches are few (or all are wanted, as by a count).
 */
export function accountIs(
  index: SubstringIndex,
  accountId: string,
  words: readonly string[],
  fromMatches: boolean,
): Expression<SqlBool> {
  if (index === 'fts5-trigram' && fromMatches && words.some(indexable)) {
    return sql<SqlBool>`+account_id = ${accountId}`;
  }
  return sql<SqlBool>`account_id = ${accountId}`;
}

/** FTS5 string literal: double quotes doubled, so the word is matched as written. */
function ftsString(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** Trigram indexes hold runs of 3 characters (code points); shorter words are not in them. */
function indexable(word: string): boolean {
  return [...word].length >= 3;
}

/**
 * Every word is contained in `search_text` (words are lower-cased, as `search_text` is).
 * The LIKE per word is the definition, on both databases; on SQLite, the words of 3 or more
 * characters also go to the FTS5 index, which narrows the rows the LIKEs check. Its match
 * is a superset of LIKE's (case-folded), so the rows found are exactly those LIKE finds.
 */
export function containsEveryWord(
  index: SubstringIndex,
  words: readonly string[],
): Expression<SqlBool>[] {
  const conditions = words.map((word) => containsLiteral('search_text', word));
  const indexed = words.filter(indexable);
  if (index === 'fts5-trigram' && indexed.length > 0) {
    const match = indexed.map(ftsString).join(' AND ');
    conditions.unshift(
      sql<SqlBool>`clients.rowid in (select rowid from clients_fts where clients_fts match ${match})`,
    );
  }
  return conditions;
}
