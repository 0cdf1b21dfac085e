import { type Expression, type SqlBool, sql } from 'kysely';

/** Escapes LIKE's wildcards and the escape character, so that user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE '%text%' ESCAPE '\'`: the column contains `text`, with `%` and `_` taken
 * literally. The explicit ESCAPE clause reads the same on SQLite (which has no default escape
 * character) and PostgreSQL (whose default is the same backslash).
 */
export function containsLiteral(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}
