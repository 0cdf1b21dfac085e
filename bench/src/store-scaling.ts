/**
 * Per-call cost of the SQL client store at 100,000 clients, without the in-process cache:
 * first page, a deep page, a type-filtered page and searches, on SQLite and PostgreSQL.
 * `tsc -b && node bench/dist/src/store-scaling.js [--clients 100000] [--calls 20]`.
 * PostgreSQL: `BENCH_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test), in a
 * fresh schema dropped at the end; skipped with a reason when unreachable.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchClient, SEARCH_TERM, seededBytes } from './fixtures.js';
import {
  type ClientQuery,
  type ClientRecord,
  type ClientStore,
  loadServer,
} from './server-modules.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    calls: { type: 'string', default: '20' },
  },
});
const CLIENTS = Number(values.clients);
const CALLS = Number(values.calls);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ACCOUNT = 'account_store_scaling';

/** The measured calls: each is a `list` as the clients route makes it (25 a page, with total). */
const CASES: Array<[string, Omit<ClientQuery, 'accountId'>]> = [
  ['first page', { types: null, offset: 0, limit: 25 }],
  ['page 2000', { types: null, offset: 1999 * 25, limit: 25 }],
  ['leads, page 100', { types: ['lead'], offset: 99 * 25, limit: 25 }],
  [
    `search "${SEARCH_TERM}" (1 in 500)`,
    { types: null, search: SEARCH_TERM, offset: 0, limit: 25 },
  ],
  ['search "harper" (1 in 8)', { types: null, search: 'harper', offset: 0, limit: 25 }],
  ['search "harper 55" (2-char word)', { types: null, search: 'harper 55', offset: 0, limit: 25 }],
];

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median wall-clock ms per call, after two warm-up calls; the total shows the calls agree. */
async function measure(store: ClientStore): Promise<Array<[string, number, number]>> {
  const rows: Array<[string, number, number]> = [];
  for (const [name, query] of CASES) {
    const full = { accountId: ACCOUNT, ...query };
    for (let i = 0; i < 2; i++) await store.list(full);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      total = (await store.list(full)).total;
      times.push(performance.now() - start);
    }
    rows.push([name, median(times), total]);
  }
  return rows;
}

async function seed(store: ClientStore): Promise<void> {
  const bytes = seededBytes(4);
  const batch: ClientRecord[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    batch.push(benchClient(i, ACCOUNT, bytes));
    if (batch.length === 10_000 || i === CLIENTS - 1) await store.createMany(batch.splice(0));
  }
}

function print(name: string, rows: Array<[string, number, number]>): void {
  console.log(`\n${name}, ${CLIENTS.toLocaleString('en')} clients, median of ${CALLS} calls`);
  console.log('| call | ms | total |\n| --- | --- | --- |');
  for (const [call, ms, total] of rows) console.log(`| ${call} | ${ms.toFixed(2)} | ${total} |`);
}

const server = await loadServer();

const sqlite = await server.openSqlite(':memory:');
const sqliteStore = server.sqlClientStore(sqlite.db);
await seed(sqliteStore);
print('SQLite (:memory:)', await measure(sqliteStore));
await sqlite.close();

const admin = server.postgresPool(PG_URL, { maxConnections: 1 });
const schema = `bench_scaling_${process.pid}`;
try {
  await admin.query(`create schema ${schema}`);
} catch (error) {
  console.log(`\nPostgreSQL: skipped: ${error instanceof Error ? error.message : String(error)}`);
  await admin.end();
  process.exit(0);
}
try {
  const pg = await server.openPostgres(PG_URL, { searchPath: schema });
  const pgStore = server.sqlClientStore(pg.db);
  await seed(pgStore);
  // Fresh rows: let the planner and the visibility map see them, as autovacuum would.
  await pg.pool.query('vacuum analyze clients');
  print('PostgreSQL', await measure(pgStore));
  await pg.close();
} finally {
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
