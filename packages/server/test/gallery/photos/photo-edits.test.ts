/**
 * The studio's edits of photos through `PUT` and `DELETE /api/v1/photos/{photoId}`: rename,
 * reorder, hide, choose the cover (as each viewer then sees it, on the photo and on the
 * gallery), and delete, which releases the blobs no other photo holds.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { seedAccount } from '../../contracts/fixtures.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { addPhoto, addPhotos, makeJpeg } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

describe('editing and deleting photos', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let collection: Collection;
  let gallery: Gallery;
  let photos: PhotoRecord[];

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    collection = await createCollection(h, owner, {
      name: 'Edited',
      shared_with: [h.users.gallery_client.email],
    });
  });
  after(() => h.close());

  beforeEach(async () => {
    gallery = await createGallery(h, owner, collection.id, { name: 'Fresh' });
    const ids = { galleryId: gallery.id, collectionId: collection.id };
    photos = await addPhotos(h, 4, { ...ids, width: 160, height: 120 });
  });

  async function put(creds: Credentials, id: number, payload: object) {
    return h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/photos/${id}`,
      headers: creds.headers,
      payload,
    });
  }

  async function listed(creds: Credentials): Promise<Photo[]> {
    const res = await h.gallery.inject({
      url: `/api/v1/galleries/${gallery.id}/photos`,
      headers: { cookie: creds.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Photo[] }>().data;
  }

  async function galleryAs(creds: Credentials): Promise<Gallery> {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${collection.id}/galleries`,
      headers: { cookie: creds.cookie },
    });
    const found = res.json<{ data: Gallery[] }>().data.find((g) => g.id === gallery.id);
    assert.ok(found, 'the gallery is listed');
    return found;
  }

  const ids = (list: readonly { id: number }[]) => list.map((p) => p.id);
  const at = (i: number): PhotoRecord => {
    const photo = photos[i];
    assert.ok(photo, `photo ${i}`);
    return photo;
  };

  test('rename keeps the extension as written; owner and assistant may', async () => {
    const res = await put(owner, at(0).id, { filename: 'First Kiss.JPG' });
    assert.equal(res.statusCode, 200, res.body);
    const photo = res.json<{ data: Photo }>().data;
    assert.equal(photo.filename, 'First Kiss.JPG');
    assert.equal(photo.updated_at, new Date(h.clock.now()).toISOString().replace('Z', '000Z'));
    const again = await put(assistant, at(0).id, { filename: 'first-kiss.jpg' });
    assert.equal(again.json<{ data: Photo }>().data.filename, 'first-kiss.jpg');
  });

  test('a bad body is 422 and changes nothing', async () => {
    for (const payload of [
      {},
      { filename: '' },
      { filename: 'a/b.jpg' },
      { filename: 'x'.repeat(256) },
      { position: 0 },
      { hidden: 'yes' },
      { cover: true, extra: 1 },
    ]) {
      const res = await put(owner, at(1).id, payload);
      assert.equal(res.statusCode, 422, JSON.stringify(payload));
    }
    assert.deepEqual(await h.storage.photos.findById(at(1).id), at(1));
  });

  test('moving a photo shifts the others; positions stay 1..n without gaps', async () => {
    const moved = await put(owner, at(3).id, { position: 1 });
    assert.equal(moved.json<{ data: Photo }>().data.position, 1);
    assert.deepEqual(ids(await listed(owner)), ids([at(3), at(0), at(1), at(2)]));
    const back = await put(owner, at(3).id, { position: 1000 });
    assert.equal(back.json<{ data: Photo }>().data.position, 4, 'past the end is the end');
    const list = await listed(owner);
    assert.deepEqual(ids(list), ids(photos));
    assert.deepEqual(
      list.map((p) => p.position),
      [1, 2, 3, 4],
    );
  });

  test('the first photo is the cover until one is chosen; the choice shows everywhere', async () => {
    const before = await listed(owner);
    assert.deepEqual(
      before.map((p) => p.cover),
      [true, false, false, false],
    );
    assert.equal((await galleryAs(client)).cover_photo?.photo_id, at(0).id);

    const res = await put(owner, at(2).id, { cover: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ data: Photo }>().data.cover, true);
    assert.deepEqual(
      (await listed(client)).map((p) => p.cover),
      [false, false, true, false],
    );
    const seen = await galleryAs(client);
    assert.equal(seen.cover_photo?.photo_id, at(2).id);
    assert.equal(seen.cover_photo?.thumbhash, at(2).thumbhash);
    assert.match(String(seen.cover_photo?.thumbnail.webp), /\/thumbnail\.webp\?v=[0-9a-f]{12}$/);
    assert.match(String(seen.cover_photo?.preview.jpeg), /\/preview\.jpg\?v=[0-9a-f]{12}$/);
    // The cover's address works for the client, as every image address of theirs does.
    const image = await h.gallery.inject({
      url: String(seen.cover_photo?.thumbnail.jpeg),
      headers: { cookie: client.cookie },
    });
    assert.equal(image.statusCode, 200);

    const cleared = await put(owner, at(2).id, { cover: false });
    assert.equal(cleared.json<{ data: Photo }>().data.cover, false);
    assert.equal((await galleryAs(owner)).cover_photo?.photo_id, at(0).id, 'the first again');
    // `false` on a photo that is not the chosen cover changes nothing.
    await put(owner, at(1).id, { cover: true });
    await put(owner, at(3).id, { cover: false });
    assert.equal((await galleryAs(owner)).cover_photo?.photo_id, at(1).id);
  });

  test('a hidden cover is the studio’s; clients get the first photo they may see', async () => {
    await put(owner, at(0).id, { hidden: true });
    await put(owner, at(2).id, { cover: true, hidden: true });
    assert.equal((await galleryAs(owner)).cover_photo?.photo_id, at(2).id);
    assert.equal((await galleryAs(client)).cover_photo?.photo_id, at(1).id);
    const mine = await listed(client);
    assert.deepEqual(ids(mine), ids([at(1), at(3)]));
    assert.deepEqual(
      mine.map((p) => p.cover),
      [true, false],
    );
    const studio = await listed(owner);
    assert.deepEqual(
      studio.map((p) => [p.hidden, p.cover]),
      [
        [true, false],
        [false, false],
        [true, true],
        [false, false],
      ],
    );
  });

  test('only a ready photo can be the cover: 409, and nothing else in the body is written', async () => {
    const waiting = await addPhoto(h, {
      galleryId: gallery.id,
      collectionId: collection.id,
      process: false,
    });
    const res = await put(owner, waiting.id, { cover: true, filename: 'renamed.jpg' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json<{ code: string }>().code, 'conflict');
    assert.equal((await h.storage.photos.findById(waiting.id))?.filename, waiting.filename);
    assert.equal((await galleryAs(owner)).cover_photo?.photo_id, at(0).id);
  });

  test('a gallery without a ready photo has no cover', async () => {
    const empty = await createGallery(h, owner, collection.id, { name: 'Empty' });
    await addPhoto(h, { galleryId: empty.id, collectionId: collection.id, process: false });
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${collection.id}/galleries`,
      headers: { cookie: owner.cookie },
    });
    const found = res.json<{ data: Gallery[] }>().data.find((g) => g.id === empty.id);
    assert.equal(found?.cover_photo, null);
    assert.equal(found?.photo_count, 1, 'processing counts for the studio');
  });

  test('hiding takes a photo out of the client’s list and counts, not the studio’s', async () => {
    const res = await put(owner, at(1).id, { hidden: true });
    assert.equal(res.json<{ data: Photo }>().data.hidden, true);
    assert.deepEqual(ids(await listed(client)), ids([at(0), at(2), at(3)]));
    assert.equal((await listed(owner)).length, 4);
    assert.equal((await galleryAs(client)).photo_count, 3);
    assert.equal((await galleryAs(owner)).photo_count, 4);
    await put(owner, at(1).id, { hidden: false });
    assert.equal((await galleryAs(client)).photo_count, 4);
  });

  test('delete: 204, the rest move up, the cover falls back, 404 the second time', async () => {
    await put(owner, at(1).id, { cover: true });
    const del = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/photos/${at(1).id}`,
      headers: assistant.headers,
    });
    assert.equal(del.statusCode, 204);
    const list = await listed(owner);
    assert.deepEqual(ids(list), ids([at(0), at(2), at(3)]));
    assert.deepEqual(
      list.map((p) => p.position),
      [1, 2, 3],
    );
    assert.equal((await galleryAs(owner)).cover_photo?.photo_id, at(0).id);
    const again = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/photos/${at(1).id}`,
      headers: owner.headers,
    });
    assert.equal(again.statusCode, 404);
    const image = await h.gallery.inject({
      url: `/api/v1/photos/${at(1).id}/thumbnail.webp`,
      headers: { cookie: owner.cookie },
    });
    assert.equal(image.statusCode, 404);
  });

  test('delete releases the original and every size; usage goes back down', async () => {
    const before = await h.storage.photos.usage(h.accountId);
    const photo = at(2);
    const keys = [photo.sha256, ...photo.derivatives.map((d) => d.sha256)];
    for (const key of keys) assert.ok(await h.storage.blobs.head(key), key);
    const del = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/photos/${photo.id}`,
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 204);
    for (const key of keys) assert.equal(await h.storage.blobs.head(key), null, key);
    const sizes = photo.size + photo.derivatives.reduce((n, d) => n + d.bytes, 0);
    assert.equal(await h.storage.photos.usage(h.accountId), before - sizes);
  });

  test('blobs another photo shares are kept until the last photo holding them goes', async () => {
    const bytes = await makeJpeg({ width: 500, height: 400, color: '#208040' });
    const ids = { galleryId: gallery.id, collectionId: collection.id };
    const first = await addPhoto(h, { ...ids, bytes });
    const second = await addPhoto(h, { ...ids, bytes, filename: 'copy.jpg' });
    assert.equal(first.sha256, second.sha256, 'the same bytes are one blob');
    const keys = [first.sha256, ...first.derivatives.map((d) => d.sha256)];
    assert.deepEqual(keys, [second.sha256, ...second.derivatives.map((d) => d.sha256)]);

    const del = (id: number) =>
      h.gallery.inject({ method: 'DELETE', url: `/api/v1/photos/${id}`, headers: owner.headers });
    assert.equal((await del(first.id)).statusCode, 204);
    for (const key of keys) assert.ok(await h.storage.blobs.head(key), `kept: ${key}`);
    const served = await h.gallery.inject({
      url: `/api/v1/photos/${second.id}/original`,
      headers: { cookie: owner.cookie },
    });
    assert.equal(served.statusCode, 200);
    assert.deepEqual(served.rawPayload, bytes);
    assert.equal((await del(second.id)).statusCode, 204);
    for (const key of keys) assert.equal(await h.storage.blobs.head(key), null, `gone: ${key}`);
  });

  test('a blob the watermark uses (a logo uploaded as a photo too) is kept', async () => {
    const logo = await addPhoto(h, { galleryId: gallery.id, collectionId: collection.id });
    await h.storage.watermarks.save({
      accountId: h.accountId,
      kind: 'logo',
      text: 'Test Studio',
      logoSha256: logo.sha256,
      opacity: 60,
      scale: 30,
      position: 'bottom-right',
      updatedAt: h.clock.now(),
    });
    const del = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/photos/${logo.id}`,
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 204);
    assert.ok(await h.storage.blobs.head(logo.sha256), 'the logo stays');
    for (const d of logo.derivatives) assert.equal(await h.storage.blobs.head(d.sha256), null);
  });

  test('deleting a gallery, or a collection, deletes its photos and releases their files', async () => {
    const doomed = await createCollection(h, owner, { name: 'Doomed' });
    const first = await createGallery(h, owner, doomed.id, { name: 'First' });
    const second = await createGallery(h, owner, doomed.id, { name: 'Second' });
    const bytes = await makeJpeg({ width: 90, height: 60, color: '#805020' });
    const a = await addPhoto(h, { galleryId: first.id, collectionId: doomed.id });
    const b = await addPhoto(h, { galleryId: second.id, collectionId: doomed.id, bytes });
    // The same bytes in a gallery that stays: that blob is kept.
    const survivor = await addPhoto(h, {
      galleryId: gallery.id,
      collectionId: collection.id,
      bytes,
    });
    const usage = await h.storage.photos.usage(h.accountId);
    const bytesOf = (p: PhotoRecord) => p.size + p.derivatives.reduce((n, d) => n + d.bytes, 0);
    const keys = (p: PhotoRecord) => [p.sha256, ...p.derivatives.map((d) => d.sha256)];

    const delGallery = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${doomed.id}/galleries/${first.id}`,
      headers: owner.headers,
    });
    assert.equal(delGallery.statusCode, 204);
    assert.equal(await h.storage.photos.findById(a.id), null);
    for (const key of keys(a)) assert.equal(await h.storage.blobs.head(key), null, key);
    assert.equal(await h.storage.photos.usage(h.accountId), usage - bytesOf(a));

    const delCollection = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${doomed.id}`,
      headers: owner.headers,
    });
    assert.equal(delCollection.statusCode, 204);
    assert.equal(await h.storage.photos.findById(b.id), null);
    for (const key of keys(b)) assert.ok(await h.storage.blobs.head(key), `shared: ${key}`);
    assert.deepEqual(await h.storage.photos.findById(survivor.id), survivor);
    assert.equal(await h.storage.photos.usage(h.accountId), usage - bytesOf(a) - bytesOf(b));
  });

  test('edits of an unknown or another account’s photo are 404', async () => {
    const unknown = await put(owner, 9_999_999_999, { hidden: true });
    assert.equal(unknown.statusCode, 404);
    const other = await seedAccount(h.storage, 'elsewhere');
    const theirCollection = 20_000_001;
    const theirGallery = 200_000_001;
    await h.storage.collections.create({
      id: theirCollection,
      accountId: other.accountId,
      name: 'Theirs',
      description: null,
      passwordProtected: false,
      passwordHash: null,
      downloadable: true,
      expiryDate: null,
      sharedWith: [],
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    });
    await h.storage.galleries.create({
      id: theirGallery,
      collectionId: theirCollection,
      accountId: other.accountId,
      name: 'Theirs',
      description: null,
      private: false,
      download: true,
      favoriteCount: 0,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    });
    const theirs = await addPhoto(
      { storage: h.storage, accountId: other.accountId, clock: h.clock },
      { galleryId: theirGallery, collectionId: theirCollection },
    );
    for (const [method, url] of [
      ['PUT', `/api/v1/photos/${theirs.id}`],
      ['DELETE', `/api/v1/photos/${theirs.id}`],
      ['GET', `/api/v1/photos/${theirs.id}`],
      ['GET', `/api/v1/photos/${theirs.id}/thumbnail.webp`],
      ['GET', `/api/v1/photos/${theirs.id}/original`],
      ['GET', `/api/v1/galleries/${theirGallery}/photos`],
    ] as const) {
      const res = await h.gallery.inject({
        method,
        url,
        headers: owner.headers,
        ...(method === 'PUT' ? { payload: { hidden: true } } : {}),
      });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
    }
    assert.deepEqual(await h.storage.photos.findById(theirs.id), theirs);
    const malformed = await put(owner, 42, { hidden: true });
    assert.equal(malformed.statusCode, 400);
  });
});
