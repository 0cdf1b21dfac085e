/** The in-process cache of client lists used when this process alone writes the clients. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedClientStore } from '../../src/storage/client-cache.js';
import type {
  ClientQuery,
  ClientRecord,
  ClientStore,
} from '../../src/storage/ports/client-store.js';
import { at, clientFixture, seedAccount } from '../contracts/fixtures.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

async function setup() {
  const storage = await openSqliteStorage(':memory:', { exclusive: false });
  const { accountId } = await seedAccount(storage, 'client-cache');
  const inner = storage.clients;
  const queries: ClientQuery[] = [];
  let gate: Promise<void> | null = null;
  const spied: ClientStore = {
    ...inner,
    async list(query) {
      queries.push(query);
      const result = await inner.list(query);
      if (gate) await gate;
      return result;
    },
  };
  const cache = cachedClientStore(spied);
  let seq = 0;
  const client = (overrides: Partial<ClientRecord> = {}): ClientRecord => {
    seq += 1;
    return clientFixture(accountId, at(seq * 1000), { firstName: `First${seq}`, ...overrides });
  };
  const page = (offset = 0, limit = 10) =>
    cache.list({ accountId, types: null, offset, limit }).then((r) => ({
      names: r.items.map((c) => c.firstName),
      total: r.total,
    }));
  const hold = () => {
    let release = () => {};
    gate = new Promise((resolve) => {
      release = () => {
        gate = null;
        resolve();
      };
    });
    return release;
  };
  return { cache, client, page, queries, hold, accountId, close: () => storage.close() };
}

test('a repeated page reads nothing; another page reuses the total', async () => {
  const s = await setup();
  await s.cache.createMany([s.client(), s.client(), s.client()]);
  assert.deepEqual(await s.page(), { names: ['First3', 'First2', 'First1'], total: 3 });
  assert.deepEqual(await s.page(), { names: ['First3', 'First2', 'First1'], total: 3 });
  assert.equal(s.queries.length, 1);
  assert.deepEqual(await s.page(1, 1), { names: ['First2'], total: 3 });
  assert.equal(s.queries[1]?.total, 3, 'the store is told the total and skips its count');
  await s.close();
});

test('every kind of write is seen by the next list', async () => {
  const s = await setup();
  const first = s.client();
  await s.cache.create(first);
  assert.deepEqual(await s.page(), { names: ['First1'], total: 1 });
  await s.cache.create(s.client());
  assert.deepEqual(await s.page(), { names: ['First2', 'First1'], total: 2 });
  await s.cache.update(s.accountId, first.id, { firstName: 'Renamed', updatedAt: at(1) });
  assert.deepEqual(await s.page(), { names: ['First2', 'Renamed'], total: 2 });
  await s.cache.delete(s.accountId, first.id);
  assert.deepEqual(await s.page(), { names: ['First2'], total: 1 });
  await s.cache.createMany([s.client(), s.client()]);
  assert.deepEqual(await s.page(), { names: ['First4', 'First3', 'First2'], total: 3 });
  await s.close();
});

test('a list in flight during a write is not cached', async () => {
  const s = await setup();
  await s.cache.create(s.client());
  const release = s.hold();
  const inFlight = s.page();
  await new Promise((resolve) => setImmediate(resolve));
  await s.cache.create(s.client());
  release();
  await inFlight;
  assert.deepEqual(await s.page(), { names: ['First2', 'First1'], total: 2 });
  await s.close();
});

test('what a caller does to a cached page is its own', async () => {
  const s = await setup();
  await s.cache.create(s.client());
  const q = { accountId: s.accountId, types: null, offset: 0, limit: 10 };
  (await s.cache.list(q)).items.pop();
  assert.equal((await s.cache.list(q)).items.length, 1);
  await s.close();
});
