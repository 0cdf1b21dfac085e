import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection } from '@proofsheet/protocol';
import { type DownloadWorld, downloadWorld } from './world.js';

describe("a collection's download settings", () => {
  let w: DownloadWorld;

  before(async () => {
    w = await downloadWorld();
  });
  after(() => w.close());

  function put(id: number, payload: Record<string, unknown>) {
    return w.h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${id}`,
      headers: w.owner.headers,
      payload,
    });
  }

  test('a new collection offers every size and has no PIN', async () => {
    const c = await w.collection();
    assert.deepEqual(c.download_sizes, ['original', 'high', 'web']);
    assert.equal(c.download_pin_protected, false);
  });

  test('the sizes are a set, read back largest first, and may be none', async () => {
    const c = await w.collection({ download_sizes: ['web', 'original'] });
    assert.deepEqual(c.download_sizes, ['original', 'web']);
    const res = await put(c.id, { download_sizes: [] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<{ data: Collection }>().data.download_sizes, []);
    const read = await w.h.gallery.inject({
      url: `/api/v1/collections/${c.id}`,
      headers: { cookie: w.client.cookie },
    });
    assert.deepEqual(read.json<{ data: Collection }>().data.download_sizes, [], 'clients see it');
  });

  test('an unknown or repeated size is refused and changes nothing', async () => {
    const c = await w.collection({ download_sizes: ['high'] });
    for (const sizes of [['huge'], ['web', 'web'], 'web', ['original', 'high', 'web', 'web']]) {
      const res = await put(c.id, { download_sizes: sizes });
      assert.equal(res.statusCode, 422, JSON.stringify(sizes));
    }
    const row = await w.h.storage.collections.findById(w.h.accountId, c.id);
    assert.deepEqual(row?.downloadSizes, ['high']);
  });

  test('only staff change them', async () => {
    const c = await w.collection();
    const res = await w.h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${c.id}`,
      headers: w.client.headers,
      payload: { download_pin: '1234' },
    });
    assert.equal(res.statusCode, 403);
    const row = await w.h.storage.collections.findById(w.h.accountId, c.id);
    assert.equal(row?.downloadPinHash, null);
  });
});
