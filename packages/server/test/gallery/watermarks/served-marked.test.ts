/** What clients see of a watermarked collection, and what the studio sees of it. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import sharp from 'sharp';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { addPhoto, makeJpeg } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

describe('watermarked collections', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let collection: Collection;
  let gallery: Gallery;
  let photo: PhotoRecord;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client', h.gallery);
    collection = await createCollection(h, owner, {
      name: 'Harper Wedding',
      shared_with: [h.users.gallery_client.email],
    });
    gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
    const bytes = await makeJpeg({ width: 2000, height: 1400, color: '#46505a' });
    photo = await addPhoto(h, { galleryId: gallery.id, collectionId: collection.id, bytes });
    const on = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${collection.id}/watermark`,
      headers: owner.headers,
      payload: { enabled: true },
    });
    assert.equal(on.statusCode, 200, on.body);
  });
  after(() => h.close());

  async function listed(who: Credentials): Promise<Photo> {
    const res = await h.gallery.inject({
      url: `/api/v1/galleries/${gallery.id}/photos`,
      headers: who.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    const [found] = res.json<{ data: Photo[] }>().data;
    assert.ok(found);
    return found;
  }

  async function fetchImage(who: Credentials, url: string) {
    const res = await h.gallery.inject({ url, headers: who.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res;
  }

  const brightest = async (bytes: Buffer) =>
    Math.max(...(await sharp(bytes).stats()).channels.map((c) => c.max));

  test('a client gets the preview with the mark on it, cacheable at the address they were given', async () => {
    const seen = await listed(client);
    const url = seen.urls.preview?.jpeg ?? '';
    const res = await fetchImage(client, url);
    assert.equal(res.headers['cache-control'], 'private, max-age=31536000, immutable');
    const unmarked = photo.derivatives.find((d) => d.size === 'preview' && d.format === 'jpeg');
    assert.notEqual(res.headers.etag, `"${unmarked?.sha256}"`);
    // The picture is flat grey-blue: the white text of the mark is its brightest part.
    assert.ok((await brightest(res.rawPayload)) > 150);
  });

  test('the studio sees the same photo without the mark, at another address', async () => {
    const studioSeen = await listed(owner);
    const clientSeen = await listed(client);
    assert.notEqual(studioSeen.urls.preview?.jpeg, clientSeen.urls.preview?.jpeg);
    const res = await fetchImage(owner, studioSeen.urls.preview?.jpeg ?? '');
    const unmarked = photo.derivatives.find((d) => d.size === 'preview' && d.format === 'jpeg');
    assert.equal(res.headers.etag, `"${unmarked?.sha256}"`);
    assert.ok((await brightest(res.rawPayload)) < 120);
  });

  test('new settings give clients new addresses; the old address is to be revalidated', async () => {
    const before = await listed(client);
    const changed = await h.gallery.inject({
      method: 'PUT',
      url: '/api/v1/watermark',
      headers: owner.headers,
      payload: { position: 'tiled', text: 'Lumen' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const afterwards = await listed(client);
    assert.notEqual(afterwards.urls.thumbnail?.webp, before.urls.thumbnail?.webp);
    const stale = await fetchImage(client, before.urls.thumbnail?.webp ?? '');
    assert.equal(stale.headers['cache-control'], 'private, no-cache');
    const fresh = await fetchImage(client, afterwards.urls.thumbnail?.webp ?? '');
    assert.equal(fresh.headers.etag, stale.headers.etag);
  });

  test('with the mark turned off clients get the plain sizes again', async () => {
    await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${collection.id}/watermark`,
      headers: owner.headers,
      payload: { enabled: false },
    });
    const seen = await listed(client);
    const studioSeen = await listed(owner);
    assert.equal(seen.urls.preview?.jpeg, studioSeen.urls.preview?.jpeg);
  });
});
