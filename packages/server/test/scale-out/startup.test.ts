/**
 * Instances that start at once migrate one after another (an advisory lock), so none fails on
 * a half-made schema, and each ends up with the same tables.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { composeStorage } from '../../src/storage/compose-storage.js';
import { openPostgres } from '../../src/storage/postgres.js';
import { migrations } from '../../src/storage/sql/migrations.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();

describe('start-up on PostgreSQL', { skip: postgres.skip }, () => {
  let schema: TestSchema | null = null;
  after(() => schema?.drop());

  it('four instances starting at once on an empty database all come up, migrated once', async () => {
    schema = await postgres.createSchema();
    const { url, schema: name } = schema;
    const opened = await Promise.all(
      [1, 2, 3, 4].map(() => openPostgres(url, { searchPath: name, maxConnections: 2 })),
    );
    const storages = opened.map((connection) => composeStorage(connection));
    try {
      const [first] = opened;
      assert.ok(first);
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        first.db,
      );
      assert.equal(rows[0]?.n, Object.keys(migrations).length, 'each migration ran once');
      for (const storage of storages)
        assert.deepEqual(await storage.health(), { postgres: true, blobs: true });
      assert.equal(await storages[0]?.users.count(), 0, 'int8 counts come back as numbers');
    } finally {
      await Promise.all(storages.map((storage) => storage.close()));
    }
  });
});
