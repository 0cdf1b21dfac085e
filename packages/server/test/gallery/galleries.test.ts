import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { addPhotos, addVideo } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';

describe('galleries inside collections', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
  });
  after(() => h.close());

  async function galleriesOf(collectionId: number) {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${collectionId}/galleries`,
      headers: owner.headers,
    });
    return { status: res.statusCode, data: res.json<{ data: Gallery[] }>().data };
  }

  test('galleries get 9-digit IDs and are listed in the order they were made', async () => {
    const c = await createCollection(h, owner, { name: 'Smith Wedding 2025' });
    const names = ['Getting Ready', 'Ceremony', 'Reception', 'Portraits'];
    for (const name of names) {
      h.clock.advance(1_000);
      const g = await createGallery(h, owner, c.id, { name });
      assert.match(String(g.id), /^\d{9}$/);
      assert.equal(g.collection_id, c.id);
      assert.equal(g.favorite_count, 0);
      assert.deepEqual([g.photo_count, g.video_count, g.cover_photo], [0, 0, null]);
    }
    const { status, data } = await galleriesOf(c.id);
    assert.equal(status, 200);
    assert.deepEqual(
      data.map((g) => g.name),
      names,
    );
  });

  test("a collection counts its galleries, and its galleries' photos and videos", async () => {
    const c = await createCollection(h, owner, { name: 'Counted' });
    const one = await createGallery(h, owner, c.id, { name: 'One' });
    const two = await createGallery(h, owner, c.id, { name: 'Two' });
    const small = { width: 64, height: 48 };
    await addPhotos(h, 3, { galleryId: one.id, collectionId: c.id, ...small });
    await addVideo(h, { galleryId: one.id, collectionId: c.id });
    await addVideo(h, { galleryId: one.id, collectionId: c.id });
    await addPhotos(h, 2, { galleryId: two.id, collectionId: c.id, ...small });
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${c.id}`,
      headers: owner.headers,
    });
    const counted = res.json<{ data: Collection }>().data;
    assert.deepEqual([counted.gallery_count, counted.photo_count, counted.video_count], [2, 5, 2]);
    const shown = new Map((await galleriesOf(c.id)).data.map((g) => [g.id, g]));
    assert.deepEqual([shown.get(one.id)?.photo_count, shown.get(one.id)?.video_count], [3, 2]);
    assert.deepEqual([shown.get(two.id)?.photo_count, shown.get(two.id)?.video_count], [2, 0]);
  });

  test('a body that still sets photo_count is refused: counts come from the photos', async () => {
    const c = await createCollection(h, owner, { name: 'Typed Counts' });
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${c.id}/galleries`,
      headers: owner.headers,
      payload: { name: 'Ceremony', photo_count: 12 },
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(
      await h.storage.galleries.listForCollection(h.accountId, c.id).then((g) => g.length),
      0,
    );
  });

  test('PUT changes a gallery; DELETE removes it', async () => {
    const c = await createCollection(h, owner, { name: 'Edit Me' });
    const g = await createGallery(h, owner, c.id, { name: 'Draft' });
    const url = `/api/v1/collections/${c.id}/galleries/${g.id}`;
    const put = await h.gallery.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { name: 'Final', private: true },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json<{ data: Gallery }>().data.name, 'Final');
    assert.equal(put.json<{ data: Gallery }>().data.private, true);
    const del = await h.gallery.inject({ method: 'DELETE', url, headers: owner.headers });
    assert.equal(del.statusCode, 204);
    assert.deepEqual((await galleriesOf(c.id)).data, []);
    const again = await h.gallery.inject({ method: 'DELETE', url, headers: owner.headers });
    assert.equal(again.statusCode, 404);
  });

  test('a gallery of another collection is 404 under this one', async () => {
    const a = await createCollection(h, owner, { name: 'A' });
    const b = await createCollection(h, owner, { name: 'B' });
    const g = await createGallery(h, owner, a.id);
    const res = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${b.id}/galleries/${g.id}`,
      headers: owner.headers,
      payload: { name: 'Moved?' },
    });
    assert.equal(res.statusCode, 404);
  });

  test('a malformed gallery ID is a 400', async () => {
    const c = await createCollection(h, owner, { name: 'Bad IDs' });
    const res = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${c.id}/galleries/12345678`,
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 400);
    assert.match(
      res.json<{ message: string }>().message,
      /^Gallery ID must be a number of 9 digits/,
    );
  });

  test('galleries of an unknown collection are 404', async () => {
    const { status } = await galleriesOf(10_000_001);
    assert.equal(status, 404);
  });

  test('deleting a collection deletes its galleries and their favorites', async () => {
    const c = await createCollection(h, owner, { name: 'Cascade' });
    const g1 = await createGallery(h, owner, c.id, { name: 'One' });
    const g2 = await createGallery(h, owner, c.id, { name: 'Two' });
    const fav = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${g1.id}/favorite`,
      headers: owner.headers,
    });
    assert.equal(fav.statusCode, 200);
    const del = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${c.id}`,
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await h.storage.galleries.findInAccount(h.accountId, g1.id), null);
    assert.equal(await h.storage.galleries.findInAccount(h.accountId, g2.id), null);
    assert.equal((await galleriesOf(c.id)).status, 404);
  });
});
