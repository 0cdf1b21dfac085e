/**
 * Every row of every table, to prove that a refused write changed nothing. Tables are found by
 * Kysely's introspection, so a table a new migration adds is covered without a word here.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/storage/sql/schema.js';

/**
 * Tables that a refused request may change legitimately: `logins` slides a session's idle
 * window on use (`last_seen_at`) and a refresh that presents a rotated auth token revokes the
 * whole login on its 401 (reuse detection), as it must; `retired_tokens` follows the rotations;
 * `audit_events` records failed and throttled sign-ins (401, 429) in the studio of the address
 * tried, the other studio's too, and is written beside the request, after its answer.
 * Counters (rate limits, login throttling) are not tables: they live in memory here.
 */
export const VOLATILE_TABLES: ReadonlySet<string> = new Set([
  'logins',
  'retired_tokens',
  'audit_events',
]);

/** Table name → its rows as JSON text, sorted, so two snapshots compare as text. */
export type Snapshot = ReadonlyMap<string, readonly string[]>;

/** The tables to snapshot: every base table of the schema (`schema` on PostgreSQL), less the volatile ones. */
export async function snapshotTables(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: false });
  return tables
    .filter((t) => !t.isView && (schema === undefined || t.schema === schema))
    .map((t) => t.name)
    .filter((name) => !VOLATILE_TABLES.has(name))
    .sort();
}

export async function takeSnapshot(
  db: Kysely<Database>,
  tables: readonly string[],
): Promise<Snapshot> {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)}`.execute(db);
      return [table, rows.map((r) => JSON.stringify(r)).sort()] as const;
    }),
  );
  return new Map(entries);
}

/** Only the rows whose `account_id` is `accountId`, in every table that has the column. */
export function rowsOfAccount(snapshot: Snapshot, accountId: string): Snapshot {
  const out = new Map<string, string[]>();
  for (const [table, rows] of snapshot) {
    out.set(
      table,
      rows.filter((r) => (JSON.parse(r) as { account_id?: unknown }).account_id === accountId),
    );
  }
  return out;
}

function shortened(row: string): string {
  return row.length > 300 ? `${row.slice(0, 300)}…` : row;
}

/** The rows that differ, as `table: - row` / `table: + row` lines; empty when equal. */
export function snapshotDiff(before: Snapshot, after: Snapshot, max = 6): string[] {
  const lines: string[] = [];
  const tables = new Set([...before.keys(), ...after.keys()]);
  for (const table of [...tables].sort()) {
    const rowsBefore = before.get(table) ?? [];
    const rowsAfter = after.get(table) ?? [];
    const was = new Set(rowsBefore);
    const is = new Set(rowsAfter);
    const removed = [...was].filter((row) => !is.has(row));
    const added = [...is].filter((row) => !was.has(row));
    for (const row of removed) lines.push(`${table}: - ${shortened(row)}`);
    for (const row of added) lines.push(`${table}: + ${shortened(row)}`);
    // The same rows, but one of them more or fewer times (a duplicate inserted or removed).
    if (removed.length === 0 && added.length === 0 && rowsBefore.length !== rowsAfter.length) {
      lines.push(`${table}: ${rowsBefore.length} rows became ${rowsAfter.length}`);
    }
  }
  return lines.length > max ? [...lines.slice(0, max), `… ${lines.length - max} more`] : lines;
}

/** A prefixed ID as the API writes them (`us_…`, `ac_…`, `cl_…`), long enough to be no word. */
const PREFIXED_ID = /^[a-z]{2}_[A-Za-z0-9]{20,}$/;

/**
 * The prefixed IDs in a snapshot's rows (`id` and every `…_id` column): what a response to
 * another studio must never show.
 */
export function idsIn(snapshot: Snapshot): Set<string> {
  const ids = new Set<string>();
  for (const rows of snapshot.values()) {
    for (const text of rows) {
      for (const [column, value] of Object.entries(JSON.parse(text) as Record<string, unknown>)) {
        if ((column === 'id' || column.endsWith('_id')) && typeof value === 'string') {
          if (PREFIXED_ID.test(value)) ids.add(value);
        }
      }
    }
  }
  return ids;
}
