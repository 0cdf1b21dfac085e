/**
 * The PostgreSQL introspector sees its own schema only, so a migration on start-up does not
 * depend on what else lives in the database, nor fail when another schema is dropped meanwhile
 * (as CI saw: four instances starting while other test files dropped their schemas).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { openPostgres, postgresDialect, postgresPool } from '../../src/storage/postgres.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();

describe('the PostgreSQL introspector', { skip: postgres.skip }, () => {
  const schemas: TestSchema[] = [];
  after(() => Promise.all(schemas.map((s) => s.drop())));

  async function schema(): Promise<TestSchema> {
    const made = await postgres.createSchema();
    schemas.push(made);
    return made;
  }

  it('lists the tables and views of the current schema, and no other', async () => {
    const mine = await schema();
    const theirs = await schema();
    const db = new Kysely<unknown>({
      dialect: postgresDialect(postgresPool(mine.url, { searchPath: mine.schema })),
    });
    try {
      await sql`create table ${sql.id(theirs.schema, 'elsewhere')} (id serial)`.execute(db);
      await sql`create table here (id serial primary key)`.execute(db);
      await sql`create view here_too as select id from here`.execute(db);
      await sql`create table kysely_migration (name text)`.execute(db);
      const tables = await db.introspection.getTables();
      assert.deepEqual(
        tables.map((t) => [t.schema, t.name, t.isView]),
        [
          [mine.schema, 'here', false],
          [mine.schema, 'here_too', true],
        ],
      );
      const all = await db.introspection.getTables({ withInternalKyselyTables: true });
      assert.deepEqual(
        all.map((t) => t.name),
        ['here', 'here_too', 'kysely_migration'],
      );
      const names = (await db.introspection.getSchemas()).map((s) => s.name);
      assert.ok(names.includes(mine.schema) && names.includes(theirs.schema));
    } finally {
      await db.destroy();
    }
  });

  it('migrates fresh schemas while other schemas are made and dropped around it', async () => {
    const { url } = await schema();
    const admin = new Kysely<unknown>({ dialect: postgresDialect(postgresPool(url)) });
    let churning = true;
    let churned = 0;
    // Schemas with serial columns: Kysely's own introspector looked each one up by name.
    const churn = (async () => {
      while (churning) {
        const other = await postgres.createSchema();
        await sql`create table ${sql.id(other.schema, 't')} (id serial, b serial)`.execute(admin);
        await other.drop();
        churned++;
      }
    })();
    try {
      for (let round = 0; round < 3; round++) {
        const fresh = await Promise.all([schema(), schema()]);
        const opened = await Promise.all(
          fresh.map((s) => openPostgres(s.url, { searchPath: s.schema, maxConnections: 2 })),
        );
        await Promise.all(opened.map((connection) => connection.close()));
      }
    } finally {
      churning = false;
      await churn;
      await admin.destroy();
    }
    assert.ok(churned > 0, 'schemas were dropped while the migrations ran');
  });
});
