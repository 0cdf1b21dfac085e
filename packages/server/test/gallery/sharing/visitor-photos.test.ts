/**
 * A share-link visitor on the real photo routes: the photo list, every image, favorites,
 * comments and downloads, as their link allows, until the link is revoked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import {
  addPhoto,
  createShareLink,
  enterAs,
  type VisitorCredentials,
} from '../../helpers/share-links.js';

describe('a share-link visitor and the photos', () => {
  let h: Harness;
  let owner: Credentials;
  let wedding: Collection;
  let other: Collection;
  let ceremony: Gallery;
  let elsewhere: Gallery;
  let photoId: number;
  let otherPhotoId: number;
  let linkId: string;
  let visitor: VisitorCredentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    wedding = await createCollection(h, owner, { name: 'Reyes Wedding' });
    other = await createCollection(h, owner, { name: 'Someone Else' });
    ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    elsewhere = await createGallery(h, owner, other.id, { name: 'Elsewhere' });
    photoId = (await addPhoto(h, ceremony, 'DSC_0001.jpg')).id;
    otherPhotoId = (await addPhoto(h, elsewhere, 'DSC_9999.jpg')).id;
    const link = await createShareLink(h, owner, wedding.id, { downloads: 'web' });
    linkId = link.id;
    visitor = await enterAs(h, link);
  });
  after(() => h.close());

  const get = (url: string) => h.gallery.inject({ url, headers: visitor.headers });

  test('lists and reads the photos of the link’s collection, and fetches each size', async () => {
    const res = await get(`/api/v1/galleries/${ceremony.id}/photos`);
    assert.equal(res.statusCode, 200, res.body);
    const [photo] = res.json<{ data: Photo[] }>().data;
    assert.ok(photo);
    assert.equal(photo.urls.original, null, 'no original for a visitor');
    for (const size of [photo.urls.thumbnail, photo.urls.preview, photo.urls.large]) {
      const image = await get(size?.webp ?? '');
      assert.equal(image.statusCode, 200, image.body);
      assert.match(String(image.headers['cache-control']), /^private/);
    }
    // Staff routes do not let visitors in at all: no session, 401.
    assert.equal((await get(`/api/v1/photos/${photoId}/original`)).statusCode, 401);
  });

  test('nothing of another collection: its photos are 404s, as if they did not exist', async () => {
    assert.equal((await get(`/api/v1/galleries/${elsewhere.id}/photos`)).statusCode, 404);
    assert.equal((await get(`/api/v1/photos/${otherPhotoId}`)).statusCode, 404);
    assert.equal((await get(`/api/v1/photos/${otherPhotoId}/thumbnail.webp`)).statusCode, 404);
  });

  test('favorites and comments are theirs, under their visitor id', async () => {
    const fav = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/photos/${photoId}/favorite`,
      headers: visitor.headers,
    });
    assert.equal(fav.statusCode, 200, fav.body);
    const comment = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/photos/${photoId}/comments`,
      headers: visitor.headers,
      payload: { text: 'Can we have this one in black and white?' },
    });
    assert.equal(comment.statusCode, 201, comment.body);
    const favorited = await get(`/api/v1/galleries/${ceremony.id}/photos?favorites=true`);
    assert.deepEqual(
      favorited.json<{ data: Photo[] }>().data.map((p) => p.id),
      [photoId],
    );
  });

  test('downloads as the link allows: web size, not the original', async () => {
    const web = await get(`/api/v1/photos/${photoId}/download?size=web`);
    assert.equal(web.statusCode, 200, web.body);
    assert.match(String(web.headers['content-disposition']), /attachment/);
    const original = await get(`/api/v1/photos/${photoId}/download?size=original`);
    assert.equal(original.statusCode, 403, original.body);
    const zip = await get(`/api/v1/galleries/${ceremony.id}/download?size=web`);
    assert.equal(zip.statusCode, 200, zip.body);
    assert.equal(zip.headers['content-type'], 'application/zip');
  });

  test('a revoked link ends it all at the next request, images included', async () => {
    const url = (await get(`/api/v1/photos/${photoId}`)).json<{ data: Photo }>().data.urls.thumbnail
      ?.webp;
    const revoked = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/share_links/${linkId}`,
      headers: owner.headers,
    });
    assert.ok([200, 204].includes(revoked.statusCode), revoked.body);
    for (const path of [`/api/v1/galleries/${ceremony.id}/photos`, url ?? '']) {
      const res = await get(path);
      assert.equal(res.statusCode, 401, `${path}: ${res.body}`);
    }
  });
});
