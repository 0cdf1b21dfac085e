/**
 * `GET /api/v1/galleries/{galleryId}/photos`: paged like every list, in the orders it names,
 * filtered by the reader's favorites, and by status for the studio only; a client's
 * `favorite_count` is their own favorite, never what others did.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, type PageMeta, type Photo } from '@proofsheet/protocol';
import type { Kysely } from 'kysely';
import { composeStorage } from '../../../src/storage/compose-storage.js';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { Database } from '../../../src/storage/sql/schema.js';
import { openSqlite } from '../../../src/storage/sqlite.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { addPhoto, addPhotos, makeJpeg } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

describe('listing the photos of a gallery', () => {
  let h: Harness;
  let db: Kysely<Database>;
  let owner: Credentials;
  let client: Credentials;
  let galleryId: number;
  let collectionId: number;
  /** Five ready photos, then one hidden, one processing, one failed. */
  let ready: PhotoRecord[];
  let hidden: PhotoRecord | undefined;
  let waiting: PhotoRecord;
  let failed: PhotoRecord;

  /** Favorites as the proofing routes will store them: a list of the owner's, its photos. */
  async function favorite(ownerKey: string, photo: PhotoRecord, listName = 'Favorites') {
    const id = `fl_${ownerKey}_${listName}`.slice(0, 60);
    const now = h.clock.now().getTime();
    await db
      .insertInto('favorite_lists')
      .values({
        id,
        account_id: h.accountId,
        collection_id: photo.collectionId,
        owner_key: ownerKey,
        name: listName,
        min_selection: null,
        max_selection: null,
        is_default: 0,
        set_by_studio: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await db
      .insertInto('photo_favorites')
      .values({ list_id: id, photo_id: photo.id, owner_key: ownerKey, created_at: now })
      .execute();
    await db
      .updateTable('photos')
      .set((eb) => ({ favorite_count: eb('favorite_count', '+', 1) }))
      .where('id', '=', photo.id)
      .execute();
  }

  before(async () => {
    const connection = await openSqlite(':memory:');
    db = connection.db;
    h = await createHarness({}, { storage: composeStorage(connection) });
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    const c = await createCollection(h, owner, {
      name: 'Listed',
      shared_with: [h.users.gallery_client.email],
    });
    const g = await createGallery(h, owner, c.id);
    galleryId = g.id;
    collectionId = c.id;
    const ids = { galleryId, collectionId };
    ready = [];
    // Capture times out of upload order, one without any; names out of order too.
    const taken = ['2026-05-02T15:00:00', '2026-05-02T09:30:00', null, '2026-05-01T18:00:00'];
    const names = ['c.jpg', 'a.jpg', 'e.jpg', 'b.jpg', 'd.jpg'];
    for (let i = 0; i < 5; i++) {
      const t = taken[i];
      h.clock.advance(1000);
      const bytes = await makeJpeg({
        width: 64 + i,
        height: 48,
        ...(t ? { exif: { takenAt: t } } : {}),
      });
      ready.push(await addPhoto(h, { ...ids, bytes, filename: names[i] ?? 'x.jpg' }));
    }
    [hidden] = await addPhotos(h, 1, { ...ids, hidden: true, width: 64, height: 48 });
    waiting = await addPhoto(h, { ...ids, process: false });
    failed = await addPhoto(h, { ...ids, bytes: Buffer.from('not a photo') });
    assert.ok(hidden);
  });
  after(() => h.close());

  async function list(creds: Credentials, query = '') {
    const res = await h.gallery.inject({
      url: `/api/v1/galleries/${galleryId}/photos${query}`,
      headers: { cookie: creds.cookie },
    });
    return res;
  }

  async function idsOf(creds: Credentials, query = ''): Promise<number[]> {
    const res = await list(creds, query);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Photo[] }>().data.map((p) => p.id);
  }

  const idsOfRecords = (records: readonly (PhotoRecord | undefined)[]) =>
    records.map((r) => r?.id ?? 0);

  test('the studio sees every photo in position order; a client the ready, unhidden ones', async () => {
    assert.deepEqual(await idsOf(owner), idsOfRecords([...ready, hidden, waiting, failed]));
    assert.deepEqual(await idsOf(client), idsOfRecords(ready));
  });

  test('paged with page/per_page or offset/limit, with meta and links', async () => {
    const res = await list(owner, '?per_page=3&page=2');
    const body = res.json<{ data: Photo[]; meta: PageMeta }>();
    assert.deepEqual(
      body.data.map((p) => p.id),
      idsOfRecords([ready[3], ready[4], hidden]),
    );
    assert.equal(body.meta.total, 8);
    assert.equal(body.meta.last_page, 3);
    assert.equal(body.meta.links.next, `/api/v1/galleries/${galleryId}/photos?per_page=3&page=3`);
    const byOffset = await idsOf(client, '?offset=4&limit=10');
    assert.deepEqual(byOffset, idsOfRecords([ready[4]]));
    const clientMeta = (await list(client, '?per_page=2')).json<{ meta: PageMeta }>().meta;
    assert.equal(clientMeta.total, 5, 'the total counts only what the client sees');
    const contradiction = await list(owner, '?page=2&offset=3');
    assert.equal(contradiction.statusCode, 400);
  });

  test('order=taken_at (undated last), filename and uploaded', async () => {
    const byTime = await idsOf(client, '?order=taken_at');
    // 05-01 18:00, 05-02 09:30, 05-02 15:00, then the undated ones in position order.
    assert.deepEqual(byTime, idsOfRecords([ready[3], ready[1], ready[0], ready[2], ready[4]]));
    assert.deepEqual(
      await idsOf(client, '?order=filename'),
      idsOfRecords([ready[1], ready[3], ready[0], ready[4], ready[2]]),
    );
    assert.deepEqual(await idsOf(client, '?order=uploaded'), idsOfRecords(ready));
    assert.equal((await list(client, '?order=random')).statusCode, 400);
  });

  test('favorites=true lists the reader’s own favorites, false the rest', async () => {
    const clientKey = h.users.gallery_client.id;
    const ownerKey = h.users.owner.id;
    await favorite(clientKey, ready[1] as PhotoRecord);
    await favorite(clientKey, ready[3] as PhotoRecord, 'Album');
    await favorite(clientKey, hidden as PhotoRecord);
    await favorite(ownerKey, ready[0] as PhotoRecord);
    assert.deepEqual(await idsOf(client, '?favorites=true'), idsOfRecords([ready[1], ready[3]]));
    assert.deepEqual(
      await idsOf(client, '?favorites=false'),
      idsOfRecords([ready[0], ready[2], ready[4]]),
    );
    assert.deepEqual(await idsOf(owner, '?favorites=true'), idsOfRecords([ready[0]]));
    const counted = await list(client, '?favorites=true&per_page=1');
    assert.equal(counted.json<{ meta: PageMeta }>().meta.total, 2);
    assert.equal((await list(client, '?favorites=maybe')).statusCode, 400);
  });

  test('a client’s favorite_count is their own, 0 or 1; the studio’s counts everyone', async () => {
    const other = newId('user', (n) => crypto.getRandomValues(new Uint8Array(n)));
    await favorite(other, ready[4] as PhotoRecord);
    await favorite(h.users.owner.id, ready[4] as PhotoRecord);
    const counts = async (creds: Credentials) =>
      (await list(creds))
        .json<{ data: Photo[] }>()
        .data.map((p): [number, number] => [p.id, p.favorite_count]);
    const seen = new Map(await counts(client));
    assert.equal(seen.get(ready[4]?.id ?? 0), 0, 'others favorited it, not they');
    assert.equal(seen.get(ready[1]?.id ?? 0), 1);
    const studio = new Map(await counts(owner));
    assert.equal(studio.get(ready[4]?.id ?? 0), 2);
    const single = await h.gallery.inject({
      url: `/api/v1/photos/${ready[4]?.id}`,
      headers: { cookie: client.cookie },
    });
    assert.equal(single.json<{ data: Photo }>().data.favorite_count, 0);
  });

  test('status filters for the studio; a client asking is told it is not theirs (400)', async () => {
    assert.deepEqual(await idsOf(owner, '?status=processing'), [waiting.id]);
    assert.deepEqual(await idsOf(owner, '?status=failed'), [failed.id]);
    const failedOne = (await list(owner, '?status=failed')).json<{ data: Photo[] }>().data[0];
    assert.equal(failedOne?.status, 'failed');
    assert.ok(failedOne?.status_reason, 'with the reason');
    assert.equal(failedOne?.urls.thumbnail, null);
    assert.equal((await idsOf(owner, '?status=ready')).length, 6);
    for (const status of ['ready', 'failed']) {
      const res = await list(client, `?status=${status}`);
      assert.equal(res.statusCode, 400);
      const body = res.json<{ code: string; details: Record<string, string[]> }>();
      assert.equal(body.code, 'invalid_query');
      assert.deepEqual(body.details.status, ['is for the studio only']);
    }
  });

  test('a photo shows its metadata, sizes and addresses; the original only to the studio', async () => {
    const photos = (await list(owner)).json<{ data: Photo[] }>().data;
    const first = photos[0];
    assert.ok(first);
    assert.equal(first.gallery_id, galleryId);
    assert.equal(first.collection_id, collectionId);
    assert.equal(first.kind, 'photo');
    assert.equal(first.content_type, 'image/jpeg');
    assert.equal(first.taken_at, '2026-05-02T15:00:00');
    assert.equal(first.width, 64);
    assert.match(first.sha256, /^[0-9a-f]{64}$/);
    assert.ok(first.thumbhash);
    assert.equal(first.urls.original, `/api/v1/photos/${first.id}/original`);
    assert.equal(first.urls.thumbnail?.webp.startsWith(`/api/v1/photos/${first.id}/`), true);
    const seen = (await list(client)).json<{ data: Photo[] }>().data[0];
    assert.equal(seen?.urls.original, null);
  });

  test('an unknown gallery is 404, a malformed ID 400', async () => {
    const unknown = await h.gallery.inject({
      url: '/api/v1/galleries/999999999/photos',
      headers: { cookie: owner.cookie },
    });
    assert.equal(unknown.statusCode, 404);
    const malformed = await h.gallery.inject({
      url: '/api/v1/galleries/12ab/photos',
      headers: { cookie: owner.cookie },
    });
    assert.equal(malformed.statusCode, 400);
  });
});
