import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Collection,
  FavoriteList,
  FavoriteStatus,
  Gallery,
  Photo,
} from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addGalleryClient, addPhoto, addPhotos, storedCount } from './setup.js';

describe('POST and DELETE /api/v1/photos/:photoId/favorite', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let stranger: Credentials;
  let shared: Collection;
  let ceremony: Gallery;
  let photos: PhotoRecord[];
  let hidden: PhotoRecord;
  let processing: PhotoRecord;
  let inPrivate: PhotoRecord;
  let unsharedPhoto: PhotoRecord;
  let expiredPhoto: PhotoRecord;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    stranger = (await addGalleryClient(h, 'Stranger')).creds;
    shared = await createCollection(h, owner, {
      name: 'Reyes Wedding',
      shared_with: [h.users.gallery_client.email],
    });
    ceremony = await createGallery(h, owner, shared.id, { name: 'Ceremony' });
    const culls = await createGallery(h, owner, shared.id, { name: 'Culls', private: true });
    photos = await addPhotos(h, ceremony, 4);
    hidden = await addPhoto(h, ceremony, { filename: 'hidden.jpg', hidden: true });
    processing = await addPhoto(h, ceremony, { filename: 'raw.jpg', unprocessed: true });
    inPrivate = await addPhoto(h, culls, { filename: 'cull.jpg' });
    const unshared = await createCollection(h, owner, { name: 'Someone else' });
    unsharedPhoto = await addPhoto(h, await createGallery(h, owner, unshared.id));
    const expired = await createCollection(h, owner, {
      name: 'Long ago',
      expiry_date: '2026-01-01',
      shared_with: [h.users.gallery_client.email],
    });
    expiredPhoto = await addPhoto(h, await createGallery(h, owner, expired.id));
  });
  after(() => h.close());

  function photo(i: number): PhotoRecord {
    const p = photos[i];
    assert.ok(p);
    return p;
  }

  function favorite(
    creds: Credentials,
    photoId: number | string,
    options: { method?: 'POST' | 'DELETE'; listId?: string } = {},
  ) {
    const query = options.listId ? `?list_id=${options.listId}` : '';
    return h.gallery.inject({
      method: options.method ?? 'POST',
      url: `/api/v1/photos/${photoId}/favorite${query}`,
      headers: creds.headers,
    });
  }

  async function newList(creds: Credentials, body: Record<string, unknown>): Promise<FavoriteList> {
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${shared.id}/favorite_lists`,
      headers: creds.headers,
      payload: body,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ data: FavoriteList }>().data;
  }

  test("the client's first favorite makes their default list, and counts the photo once", async () => {
    const res = await favorite(client, photo(0).id);
    assert.equal(res.statusCode, 200, res.body);
    const { data } = res.json<{ data: FavoriteStatus }>();
    assert.equal(data.photo_id, photo(0).id);
    assert.equal(data.favorited, true);
    assert.equal(data.list.default, true);
    assert.equal(data.list.name, 'Favorites');
    assert.equal(data.list.photo_count, 1);
    assert.equal(data.list.owner.id, h.users.gallery_client.id);
    assert.equal(data.list.owner.email, h.users.gallery_client.email);
    assert.equal(await storedCount(h, photo(0)), 1);

    const again = await favorite(client, photo(0).id);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<{ data: FavoriteStatus }>().data.list.id, data.list.id);
    assert.equal(again.json<{ data: FavoriteStatus }>().data.list.photo_count, 1);
    assert.equal(await storedCount(h, photo(0)), 1, 'adding twice changes nothing');
  });

  test('parallel favorites of one photo by one person count once', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => favorite(client, photo(1).id)));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200, 200, 200],
    );
    assert.equal(await storedCount(h, photo(1)), 1);
  });

  test('the studio favorites too, into a list of its own; the count is of people', async () => {
    const res = await favorite(owner, photo(0).id);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ data: FavoriteStatus }>().data.list.owner.studio, true);
    assert.equal(await storedCount(h, photo(0)), 2);
  });

  test("the photo list shows a client their own 0 or 1, and the studio everyone's count", async () => {
    const listed = async (creds: Credentials, query = '') => {
      const res = await h.gallery.inject({
        url: `/api/v1/galleries/${ceremony.id}/photos${query}`,
        headers: creds.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ data: Photo[] }>().data;
    };
    const counts = (photos: Photo[]) =>
      photos.slice(0, 3).map((p) => [p.filename, p.favorite_count]);
    assert.deepEqual(counts(await listed(client)), [
      ['DSC_0001.jpg', 1],
      ['DSC_0002.jpg', 1],
      ['DSC_0003.jpg', 0],
    ]);
    assert.deepEqual(counts(await listed(owner)), [
      ['DSC_0001.jpg', 2],
      ['DSC_0002.jpg', 1],
      ['DSC_0003.jpg', 0],
    ]);
    const mine = await listed(client, '?favorites=true');
    assert.deepEqual(
      mine.map((p) => p.filename),
      ['DSC_0001.jpg', 'DSC_0002.jpg'],
    );
  });

  test('unfavoriting takes the photo out and the count down; again, it changes nothing', async () => {
    const res = await favorite(owner, photo(0).id, { method: 'DELETE' });
    assert.equal(res.statusCode, 200, res.body);
    const { data } = res.json<{ data: FavoriteStatus }>();
    assert.equal(data.favorited, false);
    assert.equal(data.list.photo_count, 0);
    assert.equal(await storedCount(h, photo(0)), 1);
    const again = await favorite(owner, photo(0).id, { method: 'DELETE' });
    assert.equal(again.statusCode, 200);
    assert.equal(await storedCount(h, photo(0)), 1);
  });

  test('a named list takes favorites by list_id; the photo counts once for its person', async () => {
    const picks = await newList(client, { name: 'Parents album' });
    const res = await favorite(client, photo(0).id, { listId: picks.id });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ data: FavoriteStatus }>().data.list.id, picks.id);
    assert.equal(await storedCount(h, photo(0)), 1, 'already in their default list');
    const out = await favorite(client, photo(0).id, { method: 'DELETE', listId: picks.id });
    assert.equal(out.statusCode, 200);
    assert.equal(await storedCount(h, photo(0)), 1, 'still in their default list');
  });

  test('beyond max_selection is a 409 that says the maximum, and nothing is added', async () => {
    const two = await newList(client, { name: 'Top two', max_selection: 2 });
    for (const i of [0, 1]) {
      assert.equal((await favorite(client, photo(i).id, { listId: two.id })).statusCode, 200);
    }
    const before = await storedCount(h, photo(3));
    const res = await favorite(client, photo(3).id, { listId: two.id });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      error: 'Conflict',
      message: '"Top two" holds at most 2 photos: remove one to add another',
      code: 'conflict',
    });
    assert.equal(await storedCount(h, photo(3)), before);
    const racing = await Promise.all(
      [2, 3].map((i) => favorite(client, photo(i).id, { listId: two.id })),
    );
    assert.deepEqual(
      racing.map((r) => r.statusCode),
      [409, 409],
    );
    const lists = await h.storage.favorites.findList(h.accountId, two.id);
    assert.equal(lists?.photoCount, 2);
  });

  test("another person's list is 404 to a client and 403 to the studio; a malformed one 400", async () => {
    const theirs = await newList(client, { name: 'Mine alone' });
    const asStranger = await favorite(stranger, photo(0).id, { listId: theirs.id });
    // The stranger cannot see the photo at all: the photo's 404 comes first.
    assert.equal(asStranger.statusCode, 404);
    const asStudio = await favorite(owner, photo(2).id, { listId: theirs.id });
    assert.equal(asStudio.statusCode, 403);
    assert.equal(
      asStudio.json<{ message: string }>().message,
      'Only its owner adds to or removes from a list',
    );
    assert.equal(await storedCount(h, photo(2)), 0);
    const bad = await favorite(client, photo(0).id, { listId: 'fl_short' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ message: string }>().message, /^Favorites list ID must be fl_/);
    const unknown = await favorite(client, photo(0).id, { listId: `fl_${'Z'.repeat(30)}` });
    assert.equal(unknown.statusCode, 404);
  });

  test('a list of another collection is a 422 naming list_id', async () => {
    const other = await createCollection(h, owner, {
      name: 'Engagement',
      shared_with: [h.users.gallery_client.email],
    });
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${other.id}/favorite_lists`,
      headers: client.headers,
      payload: { name: 'Engagement picks' },
    });
    const list = res.json<{ data: FavoriteList }>().data;
    const wrong = await favorite(client, photo(2).id, { listId: list.id });
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.json<{ details: Record<string, string[]> }>().details.list_id);
    assert.equal(await storedCount(h, photo(2)), 0);
  });

  test('hidden, unprocessed and private-gallery photos are 404 to a client, like unknown ones', async () => {
    for (const p of [hidden, processing, inPrivate]) {
      for (const method of ['POST', 'DELETE'] as const) {
        const res = await favorite(client, p.id, { method });
        assert.equal(res.statusCode, 404, `${method} ${p.filename}`);
        assert.deepEqual(res.json(), {
          error: 'Not Found',
          message: `No photo found with ID: ${p.id}`,
          code: 'not_found',
        });
      }
      assert.equal(await storedCount(h, p), 0);
    }
    const studio = await favorite(owner, hidden.id);
    assert.equal(studio.statusCode, 200, 'the studio sees hidden photos');
  });

  test('a photo of an unshared or expired collection is 404, and leaves no list behind', async () => {
    const listsBefore = await h.storage.favorites.listsOf(h.accountId, expiredPhoto.collectionId, {
      offset: 0,
      limit: 10,
    });
    for (const [creds, p] of [
      [client, unsharedPhoto],
      [client, expiredPhoto],
      [stranger, photo(0)],
    ] as const) {
      const res = await favorite(creds, p.id);
      assert.equal(res.statusCode, 404, p.filename);
      assert.equal(res.json<{ message: string }>().message, `No photo found with ID: ${p.id}`);
    }
    const listsAfter = await h.storage.favorites.listsOf(h.accountId, expiredPhoto.collectionId, {
      offset: 0,
      limit: 10,
    });
    assert.equal(listsAfter.total, listsBefore.total);
    assert.equal(await storedCount(h, expiredPhoto), 0);
    const studio = await favorite(owner, expiredPhoto.id);
    assert.equal(studio.statusCode, 200, 'the studio still sees an expired collection');
  });

  test('a malformed photo ID is 400; an unknown one 404; no CSRF token 403', async () => {
    assert.equal((await favorite(client, 'abc')).statusCode, 400);
    assert.equal((await favorite(client, 1_000_000_001)).statusCode, 404);
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/photos/${photo(3).id}/favorite`,
      headers: { cookie: client.cookie },
    });
    assert.equal(res.statusCode, 403);
  });
});
