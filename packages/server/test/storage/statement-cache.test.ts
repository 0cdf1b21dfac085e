import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { cachingStatements } from '../../src/storage/statement-cache.js';

function open(size?: number) {
  const raw = new BetterSqlite3(':memory:');
  const database = cachingStatements(raw, size);
  // biome-ignore lint/suspicious/noExplicitAny: an ad-hoc table for this test only.
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  return { db, database };
}

test('a cached statement gives the same rows, as objects, on every execution', async () => {
  const { db, database } = open();
  await sql`create table t (id integer primary key, name text, n integer)`.execute(db);
  for (const [id, name] of [
    [1, 'a'],
    [2, 'b'],
  ] as const) {
    await db
      .insertInto('t')
      .values({ id, name, n: id * 10 })
      .execute();
  }
  const read = (id: number) => db.selectFrom('t').selectAll().where('id', '=', id).execute();
  assert.deepEqual(await read(1), [{ id: 1, name: 'a', n: 10 }]);
  const cached = database.cachedStatements();
  assert.deepEqual(await read(2), [{ id: 2, name: 'b', n: 20 }]);
  assert.equal(database.cachedStatements(), cached, 'the same SQL reuses its statement');
  assert.deepEqual(await read(3), []);
  await db.destroy();
});

test('writes report affected rows and RETURNING rows come back as objects', async () => {
  const { db } = open();
  await sql`create table t (id integer primary key, name text)`.execute(db);
  const inserted = await db.insertInto('t').values({ id: 7, name: 'x' }).returningAll().execute();
  assert.deepEqual(inserted, [{ id: 7, name: 'x' }]);
  const updated = await db.updateTable('t').set({ name: 'y' }).executeTakeFirst();
  assert.equal(updated.numUpdatedRows, 1n);
  await db.destroy();
});

test('a duplicate column name resolves to the last one, as better-sqlite3 objects do', async () => {
  const { db } = open();
  const { rows } = await sql`select 1 as a, 2 as a`.execute(db);
  assert.deepEqual(rows, [{ a: 2 }]);
  await db.destroy();
});

test('a statement prepared before a schema change reads the new schema', async () => {
  const { db } = open();
  await sql`create table t (id integer primary key)`.execute(db);
  await db.insertInto('t').values({ id: 1 }).execute();
  const all = () => sql`select * from t`.execute(db);
  assert.deepEqual((await all()).rows, [{ id: 1 }]);
  await sql`alter table t add column note text`.execute(db);
  assert.deepEqual((await all()).rows, [{ id: 1, note: null }]);
  await db.destroy();
});

test('the cache holds at most its size, dropping the least recently used', async () => {
  const { db, database } = open(2);
  for (const n of [1, 2, 3, 1]) {
    const { rows } = await sql.raw(`select ${n} as n`).execute(db);
    assert.deepEqual(rows, [{ n }]);
  }
  assert.equal(database.cachedStatements(), 2);
  await db.destroy();
});

test('streamed rows come back as objects', async () => {
  const { db } = open();
  await sql`create table t (id integer primary key)`.execute(db);
  await db
    .insertInto('t')
    .values([{ id: 1 }, { id: 2 }])
    .execute();
  const seen: unknown[] = [];
  for await (const row of db.selectFrom('t').selectAll().orderBy('id').stream()) seen.push(row);
  assert.deepEqual(seen, [{ id: 1 }, { id: 2 }]);
  await db.destroy();
});
