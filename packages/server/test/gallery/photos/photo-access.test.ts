/**
 * Who may see which photo, on every photo route and every image address: the studio sees its
 * whole account; a gallery client only ready, unhidden photos of galleries that are not
 * private, in collections shared with them that have not expired; anything else is the 404 of
 * an unknown ID. Checked per request, thumbnails included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Photo, PhotoSize } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import {
  type Credentials,
  createHarness,
  type Harness,
  loginAs,
  loginAsStranger,
} from '../../helpers/harness.js';
import { addPhoto } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

const SIZES: PhotoSize[] = ['thumbnail', 'preview', 'large'];
const IMAGES = SIZES.flatMap((size) => [`${size}.webp`, `${size}.jpg`]);

describe('photo access, route by route and image by image', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let stranger: Credentials;
  /** Photos by what makes them visible or not. */
  const p = {} as Record<
    'visible' | 'hidden' | 'waiting' | 'culled' | 'expired' | 'unshared',
    PhotoRecord
  >;
  /** Galleries by the same. */
  const g = {} as Record<'open' | 'culls' | 'expired' | 'unshared', number>;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    stranger = await loginAsStranger(h);

    const clientEmail = h.users.gallery_client.email;
    const shared = await createCollection(h, owner, { name: 'Shared', shared_with: [clientEmail] });
    const expired = await createCollection(h, owner, {
      name: 'Expired',
      shared_with: [clientEmail],
      expiry_date: '2026-01-10',
    });
    const unshared = await createCollection(h, owner, { name: 'Not shared' });
    const open = await createGallery(h, owner, shared.id, { name: 'Open' });
    const culls = await createGallery(h, owner, shared.id, { name: 'Culls', private: true });
    const gone = await createGallery(h, owner, expired.id, { name: 'Gone' });
    const mine = await createGallery(h, owner, unshared.id, { name: 'Mine' });
    Object.assign(g, { open: open.id, culls: culls.id, expired: gone.id, unshared: mine.id });

    const at = (gallery: { id: number; collection_id: number }) => ({
      galleryId: gallery.id,
      collectionId: gallery.collection_id,
    });
    p.visible = await addPhoto(h, at(open));
    p.hidden = await addPhoto(h, { ...at(open), hidden: true });
    p.waiting = await addPhoto(h, { ...at(open), process: false });
    p.culled = await addPhoto(h, at(culls));
    p.expired = await addPhoto(h, at(gone));
    p.unshared = await addPhoto(h, at(mine));
  });
  after(() => h.close());

  async function statusOf(
    creds: Credentials,
    url: string,
    method: 'GET' | 'HEAD' = 'GET',
    app: FastifyInstance = h.gallery,
  ): Promise<number> {
    const res = await app.inject({ method, url, headers: { cookie: creds.cookie } });
    if (res.statusCode >= 400 && method === 'GET') {
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', url);
      assert.equal(res.json<{ code: string }>().code.length > 0, true, url);
    }
    return res.statusCode;
  }

  /** Every address of a photo that reads it: the photo itself, each image by GET and HEAD. */
  function readsOf(photo: PhotoRecord): Array<[string, 'GET' | 'HEAD']> {
    const base = `/api/v1/photos/${photo.id}`;
    return [
      [base, 'GET'],
      ...IMAGES.flatMap(
        (image): Array<[string, 'GET' | 'HEAD']> => [
          [`${base}/${image}`, 'GET'],
          [`${base}/${image}`, 'HEAD'],
        ],
      ),
    ];
  }

  test('owner and assistant read every photo and every size of every ready one', async () => {
    for (const creds of [owner, assistant]) {
      for (const photo of [p.visible, p.hidden, p.culled, p.expired, p.unshared]) {
        for (const [url, method] of readsOf(photo)) {
          assert.equal(await statusOf(creds, url, method), 200, `${method} ${url}`);
        }
        assert.equal(await statusOf(creds, `/api/v1/photos/${photo.id}/original`), 200);
      }
    }
  });

  test('a photo still processing is there for the studio, with no sizes yet', async () => {
    const base = `/api/v1/photos/${p.waiting.id}`;
    const res = await h.gallery.inject({ url: base, headers: { cookie: owner.cookie } });
    assert.equal(res.statusCode, 200);
    const photo = res.json<{ data: Photo }>().data;
    assert.equal(photo.status, 'processing');
    assert.deepEqual(
      [photo.urls.thumbnail, photo.urls.preview, photo.urls.large],
      [null, null, null],
    );
    for (const image of IMAGES) {
      const image404 = await h.gallery.inject({
        url: `${base}/${image}`,
        headers: { cookie: owner.cookie },
      });
      assert.equal(image404.statusCode, 404, image);
      assert.match(image404.json<{ message: string }>().message, /it is processing/);
    }
    assert.equal(await statusOf(owner, `${base}/original`), 200, 'the original is stored');
  });

  test('the gallery client reads a shared, ready, unhidden photo and each of its sizes', async () => {
    for (const [url, method] of readsOf(p.visible)) {
      assert.equal(await statusOf(client, url, method), 200, `${method} ${url}`);
    }
  });

  const refusedForClient = ['hidden', 'waiting', 'culled', 'expired', 'unshared'] as const;
  for (const which of refusedForClient) {
    test(`the gallery client gets 404 for a photo that is ${which}, on every address`, async () => {
      for (const [url, method] of readsOf(p[which])) {
        assert.equal(await statusOf(client, url, method), 404, `${method} ${url}`);
      }
      const res = await h.gallery.inject({
        url: `/api/v1/photos/${p[which].id}`,
        headers: { cookie: client.cookie },
      });
      assert.equal(
        res.json<{ message: string }>().message,
        `No photo found with ID: ${p[which].id}`,
      );
    });
  }

  test('a client the collection is not shared with gets 404 for every address', async () => {
    for (const [url, method] of readsOf(p.visible)) {
      assert.equal(await statusOf(stranger, url, method), 404, `${method} ${url}`);
    }
    assert.equal(await statusOf(stranger, `/api/v1/galleries/${g.open}/photos`), 404);
  });

  test('the original is the studio’s: a gallery client gets 403, even for a photo they see', async () => {
    assert.equal(await statusOf(client, `/api/v1/photos/${p.visible.id}/original`), 403);
    assert.equal(await statusOf(client, `/api/v1/photos/${p.visible.id}/original`, 'HEAD'), 403);
    const res = await h.gallery.inject({
      url: `/api/v1/photos/${p.visible.id}`,
      headers: { cookie: client.cookie },
    });
    assert.equal(res.json<{ data: Photo }>().data.urls.original, null, 'not offered either');
  });

  test('clients may not edit or delete photos (403), and nothing changes', async () => {
    for (const creds of [client, stranger]) {
      const put = await h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/photos/${p.visible.id}`,
        headers: creds.headers,
        payload: { filename: 'mine.jpg' },
      });
      assert.equal(put.statusCode, 403);
      const del = await h.gallery.inject({
        method: 'DELETE',
        url: `/api/v1/photos/${p.visible.id}`,
        headers: creds.headers,
      });
      assert.equal(del.statusCode, 403);
    }
    const still = await h.storage.photos.findById(p.visible.id);
    assert.equal(still?.filename, p.visible.filename);
  });

  test('the gallery list shows a client only what they may see, and 404s the rest', async () => {
    const list = async (creds: Credentials, galleryId: number) => {
      const res = await h.gallery.inject({
        url: `/api/v1/galleries/${galleryId}/photos`,
        headers: { cookie: creds.cookie },
      });
      return {
        status: res.statusCode,
        ids: res.statusCode === 200 ? res.json<{ data: Photo[] }>().data.map((x) => x.id) : [],
      };
    };
    assert.deepEqual(await list(client, g.open), { status: 200, ids: [p.visible.id] });
    for (const galleryId of [g.culls, g.expired, g.unshared]) {
      assert.equal((await list(client, galleryId)).status, 404, String(galleryId));
    }
    assert.deepEqual(await list(owner, g.open), {
      status: 200,
      ids: [p.visible.id, p.hidden.id, p.waiting.id],
    });
    for (const galleryId of [g.culls, g.expired, g.unshared]) {
      assert.equal((await list(assistant, galleryId)).status, 200);
    }
  });

  test('access is checked on every request: unsharing ends it at the next one', async () => {
    const url = `/api/v1/photos/${p.visible.id}/thumbnail.webp`;
    assert.equal(await statusOf(client, url), 200);
    const collectionId = p.visible.collectionId;
    await h.storage.collections.update(h.accountId, collectionId, {
      sharedWith: [],
      updatedAt: h.clock.now(),
    });
    try {
      assert.equal(await statusOf(client, url), 404, 'the address outlives nothing');
      assert.equal(await statusOf(client, url, 'HEAD'), 404);
    } finally {
      await h.storage.collections.update(h.accountId, collectionId, {
        sharedWith: [h.users.gallery_client.id],
        updatedAt: h.clock.now(),
      });
    }
    assert.equal(await statusOf(client, url), 200);
  });

  test('hiding a photo takes its images away from clients at once', async () => {
    const url = `/api/v1/photos/${p.visible.id}/large.jpg`;
    await h.storage.photos.update(h.accountId, p.visible.id, {
      hidden: true,
      updatedAt: h.clock.now(),
    });
    try {
      assert.equal(await statusOf(client, url), 404);
      assert.equal(await statusOf(owner, url), 200);
    } finally {
      await h.storage.photos.update(h.accountId, p.visible.id, {
        hidden: false,
        updatedAt: h.clock.now(),
      });
    }
  });

  test('the Studio API has no photo routes: photos are the Gallery API’s', async () => {
    const studioOwner = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      url: `/api/v1/photos/${p.visible.id}`,
      headers: { cookie: studioOwner.cookie },
    });
    assert.equal(res.statusCode, 404);
  });

  test('without a session every photo address is 401', async () => {
    for (const [url, method] of [
      ...readsOf(p.visible),
      [`/api/v1/photos/${p.visible.id}/original`, 'GET'] as const,
    ]) {
      const res = await h.gallery.inject({ method, url });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
    }
  });

  test('malformed IDs are 400; unknown image names 404', async () => {
    assert.equal(await statusOf(owner, '/api/v1/photos/123/thumbnail.webp'), 400);
    assert.equal(await statusOf(owner, '/api/v1/photos/123'), 400);
    assert.equal(await statusOf(owner, '/api/v1/galleries/12/photos'), 400);
    for (const name of ['thumbnail.png', 'huge.webp', 'thumbnail', '.webp', 'thumbnail.webp.jpg']) {
      const res = await h.gallery.inject({
        url: `/api/v1/photos/${p.visible.id}/${name}`,
        headers: { cookie: owner.cookie },
      });
      assert.equal(res.statusCode, 404, name);
      assert.match(
        res.json<{ message: string }>().message,
        /the sizes are thumbnail, preview, large/,
      );
    }
    assert.equal(await statusOf(owner, '/api/v1/photos/9999999999'), 404);
    assert.equal(await statusOf(owner, '/api/v1/photos/9999999999/preview.jpg'), 404);
  });
});
