/**
 * Regression: a delete (or update) that found no client still moved the account's client
 * version on, so `DELETE /api/v1/clients/<unknown id>` answered 404 yet changed a row, and
 * emptied every instance's cached client lists. Found by the route fuzzer.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type { Kysely } from 'kysely';
import { composeStorage } from '../../src/storage/compose-storage.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { openPostgres } from '../../src/storage/postgres.js';
import { readClientVersion } from '../../src/storage/sql/client-versions.js';
import type { Database } from '../../src/storage/sql/schema.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { bytes, clientFixture, seedAccount, T0 } from '../contracts/fixtures.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

type Open = () => Promise<{ db: Kysely<Database>; storage: Storage }>;

function describeRefusedWrites(name: string, open: Open, skip: string | false = false) {
  describe(`refused client writes on ${name}`, { skip }, () => {
    it('a delete or update that finds no client leaves the client version as it was', async () => {
      const { db, storage } = await open();
      try {
        const { accountId } = await seedAccount(storage, 'refused');
        const client = clientFixture(accountId, T0);
        await storage.clients.create(client);
        const version = await readClientVersion(db, accountId);
        const missing = newId('client', bytes);

        assert.equal(await storage.clients.delete(accountId, missing), false);
        assert.equal(
          await storage.clients.update(accountId, missing, { notes: 'x', updatedAt: T0 }),
          null,
        );
        assert.equal(await readClientVersion(db, accountId), version);

        assert.equal(await storage.clients.delete(accountId, client.id), true);
        assert.equal(await readClientVersion(db, accountId), version + 1, 'a real delete moves it');
      } finally {
        await storage.close();
      }
    });
  });
}

describeRefusedWrites('SQLite', async () => {
  const connection = await openSqlite(':memory:');
  return { storage: composeStorage(connection), db: connection.db };
});
describeRefusedWrites(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    const connection = await openPostgres(schema.url, { searchPath: schema.schema });
    return { storage: composeStorage(connection), db: connection.db };
  },
  postgres.skip,
);
