import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Collection,
  FavoritedPhoto,
  FavoriteList,
  Gallery,
  PageMeta,
  StarredPhoto,
} from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { UserRecord } from '../../../src/storage/ports/user-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addGalleryClient, addPhoto, addPhotos } from './setup.js';

describe('GET /api/v1/collections/:id/favorites and /api/v1/photos/starred', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let partner: { user: UserRecord; creds: Credentials };
  let stranger: Credentials;
  let wedding: Collection;
  let engagement: Collection;
  let expired: Collection;
  let first: PhotoRecord[];
  let second: PhotoRecord[];
  let hidden: PhotoRecord;
  let engagementPhoto: PhotoRecord;
  let expiredPhoto: PhotoRecord;
  let albumList: FavoriteList;

  async function favorite(creds: Credentials, p: PhotoRecord, listId?: string) {
    const query = listId ? `?list_id=${listId}` : '';
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/photos/${p.id}/favorite${query}`,
      headers: creds.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
  }

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    partner = await addGalleryClient(h, 'Partner');
    stranger = (await addGalleryClient(h, 'Stranger')).creds;
    const clients = [h.users.gallery_client.email, partner.user.email];
    wedding = await createCollection(h, owner, { name: 'Wedding', shared_with: clients });
    const ceremony: Gallery = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    // Galleries made in the same millisecond are in ID order: make Party the later one.
    h.clock.advance(1);
    const party: Gallery = await createGallery(h, owner, wedding.id, { name: 'Party' });
    first = await addPhotos(h, ceremony, 3, 1);
    second = await addPhotos(h, party, 2, 101);
    hidden = await addPhoto(h, ceremony, { filename: 'DSC_0099.jpg' });
    engagement = await createCollection(h, owner, { name: 'Engagement', shared_with: clients });
    engagementPhoto = await addPhoto(h, await createGallery(h, owner, engagement.id), {
      filename: 'ENG_0001.jpg',
    });
    expired = await createCollection(h, owner, {
      name: 'Expires',
      expiry_date: '2026-01-20',
      shared_with: clients,
    });
    expiredPhoto = await addPhoto(h, await createGallery(h, owner, expired.id), {
      filename: 'OLD_0001.jpg',
    });

    const list = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${wedding.id}/favorite_lists`,
      headers: client.headers,
      payload: { name: 'Album' },
    });
    albumList = list.json<{ data: FavoriteList }>().data;

    // Times move a minute per favorite, so "latest first" has an answer.
    const steps: Array<[Credentials, PhotoRecord, string?]> = [
      [client, second[0] as PhotoRecord],
      [client, first[1] as PhotoRecord],
      [partner.creds, first[1] as PhotoRecord],
      [client, first[1] as PhotoRecord, albumList.id],
      [partner.creds, second[1] as PhotoRecord],
      [owner, first[1] as PhotoRecord],
      [client, hidden],
      [client, engagementPhoto],
      [client, expiredPhoto],
    ];
    for (const [creds, p, listId] of steps) {
      h.clock.advance(60_000);
      await favorite(creds, p, listId);
    }
    // Hidden after the client favorited it: gone from what they see, not from the studio.
    await h.storage.photos.update(h.accountId, hidden.id, {
      hidden: true,
      updatedAt: h.clock.now(),
    });
  });
  after(() => h.close());

  async function favorites(creds: Credentials, query = '') {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/favorites${query}`,
      headers: creds.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: FavoritedPhoto[]; meta: PageMeta }>();
  }

  async function starred(creds: Credentials, query = '') {
    const res = await h.gallery.inject({
      url: `/api/v1/photos/starred${query}`,
      headers: creds.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: StarredPhoto[]; meta: PageMeta }>();
  }

  test("the studio sees every favorited photo of the collection, in the collection's order, with who and when", async () => {
    const { data, meta } = await favorites(owner);
    assert.deepEqual(
      data.map((p) => p.filename),
      ['DSC_0002.jpg', 'DSC_0099.jpg', 'DSC_0101.jpg', 'DSC_0102.jpg'],
    );
    assert.equal(meta.total, 4);
    const popular = data[0];
    assert.equal(popular?.favorite_count, 3, 'client, partner and studio: three people');
    assert.deepEqual(
      popular?.favorites.map((f) => [f.person.name, f.list_name]),
      [
        ['gallery_client Tester', 'Favorites'],
        ['Partner Guest', 'Favorites'],
        ['gallery_client Tester', 'Album'],
        ['owner Tester', 'Favorites'],
      ],
    );
    assert.equal(popular?.first_favorited_at, '2026-01-15T10:02:00.001000Z');
    assert.equal(popular?.last_favorited_at, '2026-01-15T10:06:00.001000Z');
    assert.equal(popular?.favorites[1]?.person.email, partner.user.email);
    assert.ok(
      popular?.thumbnail?.webp.startsWith(`/api/v1/photos/${popular.photo_id}/thumbnail.webp?v=`),
    );
  });

  test('a client sees only their own favorites, of the photos they can still see', async () => {
    const { data, meta } = await favorites(client);
    assert.deepEqual(
      data.map((p) => p.filename),
      ['DSC_0002.jpg', 'DSC_0101.jpg'],
    );
    assert.equal(meta.total, 2);
    assert.equal(data[0]?.favorite_count, 1, 'their own, not the three people');
    assert.ok(
      data.every((p) => p.favorites.every((f) => f.person.id === h.users.gallery_client.id)),
    );
    assert.deepEqual(
      data[0]?.favorites.map((f) => f.list_name),
      ['Favorites', 'Album'],
    );
    const partnerView = await favorites(partner.creds);
    assert.deepEqual(
      partnerView.data.map((p) => p.filename),
      ['DSC_0002.jpg', 'DSC_0102.jpg'],
    );
  });

  test("list_id narrows to one list; someone else's list is 404", async () => {
    const { data } = await favorites(client, `?list_id=${albumList.id}`);
    assert.deepEqual(
      data.map((p) => p.filename),
      ['DSC_0002.jpg'],
    );
    assert.deepEqual(
      data[0]?.favorites.map((f) => f.list_name),
      ['Album'],
    );
    const theirs = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/favorites?list_id=${albumList.id}`,
      headers: partner.creds.headers,
    });
    assert.equal(theirs.statusCode, 404);
    const otherCollection = await h.gallery.inject({
      url: `/api/v1/collections/${engagement.id}/favorites?list_id=${albumList.id}`,
      headers: client.headers,
    });
    assert.equal(otherCollection.statusCode, 404);
  });

  test('the page is a page: per_page, page and links', async () => {
    const { data, meta } = await favorites(owner, '?per_page=2&page=2');
    assert.deepEqual(
      data.map((p) => p.filename),
      ['DSC_0101.jpg', 'DSC_0102.jpg'],
    );
    assert.equal(meta.total, 4);
    assert.equal(meta.last_page, 2);
    assert.equal(meta.links.prev, `/api/v1/collections/${wedding.id}/favorites?per_page=2&page=1`);
  });

  test('an unshared client gets 404 for the collection', async () => {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/favorites`,
      headers: stranger.headers,
    });
    assert.equal(res.statusCode, 404);
    assert.equal((await starred(stranger)).meta.total, 0);
  });

  test('starred, for the studio: the most-favorited photos of every collection', async () => {
    const { data, meta } = await starred(owner);
    assert.equal(data[0]?.filename, 'DSC_0002.jpg');
    assert.equal(data[0]?.favorite_count, 3);
    assert.equal(meta.total, 6);
    assert.deepEqual(
      new Set(data.map((p) => p.collection_id)),
      new Set([wedding.id, engagement.id, expired.id]),
    );
  });

  test('starred, for a client: their own favorites across collections, latest first', async () => {
    const { data } = await starred(client);
    assert.deepEqual(
      data.map((p) => p.filename),
      ['OLD_0001.jpg', 'ENG_0001.jpg', 'DSC_0002.jpg', 'DSC_0101.jpg'],
    );
    assert.ok(data.every((p) => p.favorite_count === 1));
  });

  test('starred leaves out a collection once it has expired for the client', async () => {
    h.clock.set(new Date('2026-01-21T00:00:00Z'));
    const fresh = await loginAs(h, 'gallery_client');
    const { data } = await starred(fresh);
    assert.deepEqual(
      data.map((p) => p.filename),
      ['ENG_0001.jpg', 'DSC_0002.jpg', 'DSC_0101.jpg'],
    );
    const gone = await h.gallery.inject({
      url: `/api/v1/collections/${expired.id}/favorites`,
      headers: fresh.headers,
    });
    assert.equal(gone.statusCode, 404);
  });
});
