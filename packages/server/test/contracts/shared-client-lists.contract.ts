import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClientQuery, ClientRecord } from '../../src/storage/ports/client-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, type ContractOptions, clientFixture, seedAccount } from './fixtures.js';

/** Two storages over one database, as two instances open it (not exclusive). */
export type MakeStoragePair = () => Promise<[Storage, Storage]>;

/**
 * Client lists cached by one instance while another writes: every write on the other is seen
 * at the next list, and an unchanged list is served from the cache (the very same records).
 */
export function describeSharedClientLists(
  name: string,
  makePair: MakeStoragePair,
  options: ContractOptions = {},
): void {
  describe(`client lists shared by two instances on ${name}`, {
    skip: options.skip ?? false,
  }, () => {
    let reader: Storage;
    let writer: Storage;
    let accountId: string;
    let seq = 0;
    const all = (): ClientQuery => ({ accountId, types: null, offset: 0, limit: 50 });
    const leads = (): ClientQuery => ({ ...all(), types: ['lead'] });
    const names = (items: readonly ClientRecord[]) => items.map((c) => c.firstName);

    before(async () => {
      [reader, writer] = await makePair();
      assert.equal(reader.capabilities.exclusive, false);
      ({ accountId } = await seedAccount(writer, 'shared-lists'));
      for (const firstName of ['Ada', 'Ben']) {
        await writer.clients.create(clientFixture(accountId, at(++seq * 1000), { firstName }));
      }
    });
    after(async () => {
      await reader.close();
      await writer.close();
    });

    test('an unchanged list is served again from the cache', async () => {
      const first = await reader.clients.list(all());
      const second = await reader.clients.list(all());
      assert.deepEqual(names(second.items), ['Ben', 'Ada']);
      assert.equal(second.items[0], first.items[0], 'the same record object: no query was made');
    });

    test("the other instance's create, update, retype and delete show at the next list", async () => {
      const before = await reader.clients.list(all());
      const created = clientFixture(accountId, at(++seq * 1000), { firstName: 'Cy' });
      await writer.clients.create(created);
      const afterCreate = await reader.clients.list(all());
      assert.deepEqual(names(afterCreate.items), ['Cy', 'Ben', 'Ada']);
      assert.equal(afterCreate.total, before.total + 1);

      await writer.clients.update(accountId, created.id, {
        firstName: 'Cyd',
        updatedAt: at(++seq * 1000),
      });
      assert.deepEqual(names((await reader.clients.list(all())).items), ['Cyd', 'Ben', 'Ada']);

      assert.equal((await reader.clients.list(leads())).total, 0);
      await writer.clients.update(accountId, created.id, {
        type: 'lead',
        updatedAt: at(++seq * 1000),
      });
      const afterRetype = await reader.clients.list(leads());
      assert.deepEqual([afterRetype.total, ...names(afterRetype.items)], [1, 'Cyd']);

      await writer.clients.delete(accountId, created.id);
      const afterDelete = await reader.clients.list(all());
      assert.deepEqual(names(afterDelete.items), ['Ben', 'Ada']);
      assert.equal(afterDelete.total, before.total);
      assert.equal((await reader.clients.list(leads())).total, 0);
    });

    test("the other instance's bulk create shows at the next list", async () => {
      await reader.clients.list(all());
      await writer.clients.createMany(
        ['Dee', 'Eve'].map((firstName) =>
          clientFixture(accountId, at(++seq * 1000), { firstName }),
        ),
      );
      const listed = await reader.clients.list(all());
      assert.deepEqual(names(listed.items), ['Eve', 'Dee', 'Ben', 'Ada']);
      assert.equal(listed.total, 4);
    });
  });
}
