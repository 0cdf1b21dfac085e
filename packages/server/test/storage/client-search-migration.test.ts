import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { NO_ADDRESS } from '@proofsheet/protocol';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { postgresDialect, postgresPool } from '../../src/storage/postgres.js';
import { sqlClientStore } from '../../src/storage/sql/clients.js';
import { migrationProvider } from '../../src/storage/sql/migrations.js';
import type { Database } from '../../src/storage/sql/schema.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

/** Clients written before the search index and the kept totals existed. */
async function oldClients(db: Kysely<Database>): Promise<void> {
  const rows = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name, i) => ({
    id: `client_${i}`,
    account_id: 'account_a',
    email: null,
    first_name: name,
    last_name: null,
    phone: null,
    company: null,
    job_title: null,
    address: JSON.stringify(NO_ADDRESS),
    notes: null,
    avatar_color: 1,
    status: 1,
    type: i === 0 ? 'lead' : 'client',
    sample: 0,
    search_text: name.toLowerCase(),
    created_at: i,
    updated_at: i,
  }));
  await db.insertInto('clients').values(rows).execute();
}

/** `migrationTableSchema`: on PostgreSQL, the test's own schema (see `sql/migrate.ts`). */
async function upgradeKeepsClients(
  db: Kysely<Database>,
  options: { migrationTableSchema?: string } = {},
): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...options });
  assert.equal((await migrator.migrateTo('0001_initial')).error, undefined);
  await oldClients(db);
  assert.equal((await migrator.migrateToLatest()).error, undefined);
  const store = sqlClientStore(db);
  const list = (search: string | undefined, types: ['lead'] | null = null) =>
    store.list({
      accountId: 'account_a',
      types,
      offset: 0,
      limit: 10,
      ...(search ? { search } : {}),
    });
  assert.equal((await list(undefined)).total, 3);
  assert.equal((await list(undefined, ['lead'])).total, 1);
  assert.deepEqual(
    (await list('hopper')).items.map((c) => c.firstName),
    ['Grace Hopper'],
  );
  assert.equal((await list('a')).total, 3);
}

test('on SQLite, clients from before the search index are found, and counted', async () => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
  });
  try {
    await upgradeKeepsClients(db);
  } finally {
    await db.destroy();
  }
});

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

test('on PostgreSQL, clients from before the search index are found, and counted', {
  skip: postgres.skip,
}, async () => {
  const schema = await postgres.createSchema();
  schemas.push(schema);
  const pool = postgresPool(schema.url, { searchPath: schema.schema });
  const db = new Kysely<Database>({ dialect: postgresDialect(pool) });
  try {
    await upgradeKeepsClients(db, { migrationTableSchema: schema.schema });
  } finally {
    await db.destroy();
  }
});
