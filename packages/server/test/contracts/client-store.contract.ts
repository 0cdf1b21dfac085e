import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NO_ADDRESS } from '@proofsheet/protocol';
import type { ClientRecord, ClientStore } from '../../src/storage/ports/client-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import {
  at,
  type ContractOptions,
  clientFixture,
  type MakeStorage,
  seedAccount,
} from './fixtures.js';

/** The behaviour every {@link ClientStore} must have. */
export function describeClientStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`ClientStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let store: ClientStore;
    let accountId: string;
    let otherAccount: string;
    let seq = 0;

    function client(overrides: Partial<ClientRecord> = {}): ClientRecord {
      return clientFixture(accountId, at(++seq * 1000), {
        firstName: 'First',
        avatarColor: 3,
        ...overrides,
      });
    }

    async function ids(search: string, types: ClientRecord['type'][] | null = null) {
      const { items } = await store.list({ accountId, types, search, offset: 0, limit: 100 });
      return items.map((c) => c.firstName).sort();
    }

    before(async () => {
      storage = await makeStorage();
      store = storage.clients;
      accountId = (await seedAccount(storage, 'clients-a')).accountId;
      otherAccount = (await seedAccount(storage, 'clients-b')).accountId;
    });
    after(() => storage?.close());

    test('a created client reads back the same, address included', async () => {
      const c = client({
        email: 'x@example.com',
        address: { ...NO_ADDRESS, city: 'Oslo', country_id: 160 },
        status: 2,
        type: 'lead',
        sample: true,
      });
      await store.create(c);
      assert.deepEqual(await store.findById(accountId, c.id), c);
    });

    test('createMany creates every client, readable as created', async () => {
      const many = Array.from({ length: 600 }, () => client({ company: 'Bulk & Co' }));
      await store.createMany(many);
      for (const c of [many[0], many[599]]) {
        assert.ok(c);
        assert.deepEqual(await store.findById(accountId, c.id), c);
      }
      const { total } = await store.list({
        accountId,
        types: null,
        search: 'bulk & co',
        offset: 0,
        limit: 1,
      });
      assert.equal(total, 600);
    });

    test("another account's client is not found", async () => {
      const c = client();
      await store.create(c);
      assert.equal(await store.findById(otherAccount, c.id), null);
      assert.equal(await store.delete(otherAccount, c.id), false);
      assert.equal(await store.update(otherAccount, c.id, { updatedAt: at(0), notes: 'x' }), null);
    });

    test('list is newest first; equal times are ordered by id, descending', async () => {
      const same = at(999_000);
      const pair = [client({ createdAt: same }), client({ createdAt: same })];
      for (const c of pair) await store.create(c);
      const { items } = await store.list({ accountId, types: null, offset: 0, limit: 2 });
      const expected = pair
        .map((c) => c.id)
        .sort()
        .reverse();
      assert.deepEqual(
        items.map((c) => c.id),
        expected,
      );
    });

    test('list pages with offset and limit, and counts every match', async () => {
      const all = await store.list({ accountId, types: null, offset: 0, limit: 100 });
      const page = await store.list({ accountId, types: null, offset: 1, limit: 2 });
      assert.equal(page.total, all.total);
      assert.deepEqual(page.items, all.items.slice(1, 3));
    });

    test('types filters, and an empty list of types matches nothing', async () => {
      await store.create(client({ firstName: 'Other', type: 'other' }));
      const others = await store.list({ accountId, types: ['other'], offset: 0, limit: 100 });
      assert.ok(others.items.length > 0 && others.items.every((c) => c.type === 'other'));
      const none = await store.list({ accountId, types: [], offset: 0, limit: 100 });
      assert.deepEqual([none.items, none.total], [[], 0]);
    });

    test('search takes %, _ and \\ literally', async () => {
      await store.create(client({ firstName: 'Pct', company: '50% Off' }));
      await store.create(client({ firstName: 'Under', email: 'a_b@example.com' }));
      await store.create(client({ firstName: 'NoUnder', email: 'axb@example.com' }));
      await store.create(client({ firstName: 'Slash', company: 'C:\\Temp' }));
      assert.deepEqual(await ids('50%'), ['Pct']);
      assert.deepEqual(await ids('a_b'), ['Under']);
      assert.deepEqual(await ids('c:\\temp'), ['Slash']);
    });

    test('search is case-insensitive and needs every word', async () => {
      await store.create(client({ firstName: 'Grace', lastName: 'Hopper', phone: '555-0100' }));
      assert.deepEqual(await ids('GRACE hopper'), ['Grace']);
      assert.deepEqual(await ids('555-0100'), ['Grace']);
      assert.deepEqual(await ids('grace turing'), []);
    });

    test('search matches LIKE exactly: short words, quotes, unicode, across fields', async () => {
      await store.create(client({ firstName: 'Quote', company: 'The "Big" O\'Neil' }));
      await store.create(client({ firstName: 'Ünïcode', lastName: 'Ærøskøbing' }));
      await store.create(client({ firstName: 'Span', lastName: 'Abc', company: 'Def' }));
      await store.create(client({ firstName: 'Xy', email: 'xy@q.io' }));
      assert.deepEqual(await ids('"big"'), ['Quote']);
      assert.deepEqual(await ids('o\'neil "'), ['Quote']);
      assert.deepEqual(await ids('"big" AND'), []);
      assert.deepEqual(await ids('ÆRØSKØBING ünï'), ['Ünïcode']);
      assert.deepEqual(await ids('abc def'), ['Span']);
      // "c d" only exists across the two fields; trigram matches must not invent it.
      assert.deepEqual(await ids('span abc d'), ['Span']);
      assert.deepEqual(await ids('abcdef'), []);
      assert.deepEqual(await ids('xy q.io'), ['Xy']);
      assert.deepEqual(await ids('y@'), ['Xy']);
      assert.deepEqual(await ids('q.i*'), []);
    });

    test('totals follow creates, type changes and deletes', async () => {
      const total = async (types: ClientRecord['type'][] | null) =>
        (await store.list({ accountId: otherAccount, types, offset: 0, limit: 1 })).total;
      const a = client({ accountId: otherAccount, type: 'lead' });
      await store.create(a);
      await store.createMany([
        client({ accountId: otherAccount }),
        client({ accountId: otherAccount }),
      ]);
      assert.deepEqual(
        [await total(null), await total(['lead']), await total(['client'])],
        [3, 1, 2],
      );
      await store.update(otherAccount, a.id, { updatedAt: at(1), type: 'client' });
      assert.deepEqual([await total(['lead']), await total(['client', 'lead'])], [0, 3]);
      await store.delete(otherAccount, a.id);
      assert.deepEqual([await total(null), await total(['client'])], [2, 2]);
    });

    test('update merges the changes, and search follows them', async () => {
      const c = client({ firstName: 'Renamed', notes: 'kept' });
      await store.create(c);
      const updated = await store.update(accountId, c.id, {
        updatedAt: at(5_000_000),
        lastName: 'Quuxley',
      });
      assert.equal(updated?.lastName, 'Quuxley');
      assert.equal(updated?.notes, 'kept');
      assert.deepEqual(await store.findById(accountId, c.id), updated);
      assert.deepEqual(await ids('quuxley'), ['Renamed']);
    });

    test('delete says whether the client existed', async () => {
      const c = client();
      await store.create(c);
      assert.equal(await store.delete(accountId, c.id), true);
      assert.equal(await store.delete(accountId, c.id), false);
      assert.equal(await store.findById(accountId, c.id), null);
    });
  });
}
