import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery, PageMeta } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { createCollection, createGallery } from '../helpers/resources.js';

describe('what a gallery client sees', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let shared: Collection;
  let hidden: Collection;
  let publicGallery: Gallery;
  let privateGallery: Gallery;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    shared = await createCollection(h, owner, {
      name: 'Shared With Client',
      shared_with: [h.users.gallery_client.email],
    });
    hidden = await createCollection(h, owner, { name: 'Not Shared' });
    publicGallery = await createGallery(h, owner, shared.id, { name: 'Highlights' });
    privateGallery = await createGallery(h, owner, shared.id, { name: 'Culls', private: true });
    await createGallery(h, owner, hidden.id, { name: 'Secret' });
  });
  after(() => h.close());

  test('the list holds only collections shared with them', async () => {
    const res = await h.gallery.inject({ url: '/api/v1/collections', headers: client.headers });
    assert.equal(res.statusCode, 200);
    const { data, meta } = res.json<{ data: Collection[]; meta: PageMeta }>();
    assert.deepEqual(
      data.map((c) => c.id),
      [shared.id],
    );
    assert.equal(meta.total, 1);
  });

  test('a shared collection reads as 200', async () => {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${shared.id}`,
      headers: client.headers,
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<{ data: Collection }>().data.shared_with, [
      h.users.gallery_client.email,
    ]);
  });

  test('a collection not shared with them is 404, not 403, so its ID is not confirmed', async () => {
    for (const url of [
      `/api/v1/collections/${hidden.id}`,
      `/api/v1/collections/${hidden.id}/galleries`,
    ]) {
      const res = await h.gallery.inject({ url, headers: client.headers });
      assert.equal(res.statusCode, 404, url);
      assert.deepEqual(res.json(), {
        error: 'Not Found',
        message: `No collection found with ID: ${hidden.id}`,
        code: 'not_found',
      });
    }
  });

  test('they see the galleries of a shared collection, except private ones', async () => {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${shared.id}/galleries`,
      headers: client.headers,
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json<{ data: Gallery[] }>().data.map((g) => g.id),
      [publicGallery.id],
    );
    const staff = await h.gallery.inject({
      url: `/api/v1/collections/${shared.id}/galleries`,
      headers: owner.headers,
    });
    assert.equal(staff.json<{ data: Gallery[] }>().data.length, 2);
    assert.ok(privateGallery.private);
  });

  test('every write is 403 for them, on shared collections too', async () => {
    const requests = [
      { method: 'POST', url: '/api/v1/collections', payload: { name: 'Mine' } },
      { method: 'PUT', url: `/api/v1/collections/${shared.id}`, payload: { name: 'Renamed' } },
      { method: 'DELETE', url: `/api/v1/collections/${shared.id}` },
      { method: 'POST', url: `/api/v1/collections/${shared.id}/galleries`, payload: { name: 'X' } },
      {
        method: 'PUT',
        url: `/api/v1/collections/${shared.id}/galleries/${publicGallery.id}`,
        payload: { name: 'X' },
      },
      { method: 'DELETE', url: `/api/v1/collections/${shared.id}/galleries/${publicGallery.id}` },
    ] as const;
    for (const r of requests) {
      const res = await h.gallery.inject({ ...r, headers: client.headers });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url}`);
      assert.deepEqual(res.json(), {
        error: 'Forbidden',
        message: 'Insufficient permissions',
        code: 'forbidden',
      });
    }
    const still = await h.gallery.inject({
      url: `/api/v1/collections/${shared.id}`,
      headers: owner.headers,
    });
    assert.equal(still.json<{ data: Collection }>().data.name, 'Shared With Client');
  });
});
