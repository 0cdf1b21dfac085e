/**
 * Images are counted in budgets of their own: a gallery page that asks for a thumbnail per
 * photo must not spend the API's budget (the next click would get 429), and the API's calls
 * must not starve the images. Each budget still ends in 429 with its own message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { addPhoto } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';

const API = 3;
const IMAGES = 6;
/** An IP's image budget: twice a session's. */
const IP_IMAGES = 2 * IMAGES;
/** An IP's API budget in the second test, room for its setup too. */
const IP_API = 20;

describe('the image rate limit', () => {
  let h: Harness;
  let client: Credentials;
  let photoId: number;

  before(async () => {
    h = await createHarness({ rateLimitSession: API, rateLimitIp: 1000, rateLimitImages: IMAGES });
    const owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    const c = await createCollection(h, owner, {
      name: 'Budgets',
      shared_with: [h.users.gallery_client.email],
    });
    const g = await createGallery(h, owner, c.id);
    photoId = (await addPhoto(h, { galleryId: g.id, collectionId: c.id })).id;
  });
  after(() => h.close());

  const get = (url: string, remoteAddress = '127.0.0.1', cookie = client.cookie) =>
    h.gallery.inject({ url, remoteAddress, headers: { cookie } });

  it('a session counts images apart from API calls, each to its own 429', async () => {
    const thumbnail = `/api/v1/photos/${photoId}/thumbnail.webp`;
    for (let i = 0; i < API; i++) {
      assert.equal((await get(`/api/v1/photos/${photoId}`)).statusCode, 200);
    }
    const apiSpent = await get(`/api/v1/photos/${photoId}`);
    assert.equal(apiSpent.statusCode, 429);
    assert.match(apiSpent.json<{ message: string }>().message, /this session/);

    for (let i = 0; i < IMAGES; i++) {
      const res = await get(thumbnail);
      assert.equal(res.statusCode, 200, `image ${i + 1} while the API budget is spent`);
      assert.equal(res.headers['ratelimit-limit'], String(IMAGES));
      assert.equal(res.headers['ratelimit-remaining'], String(IMAGES - 1 - i));
    }
    const imagesSpent = await get(thumbnail);
    assert.equal(imagesSpent.statusCode, 429);
    assert.match(imagesSpent.json<{ message: string }>().message, /images for this session/);
    assert.ok(Number(imagesSpent.headers['retry-after']) >= 1);

    h.clock.advance(60_000);
    assert.equal((await get(thumbnail)).statusCode, 200, 'the window resets');
    assert.equal((await get(`/api/v1/photos/${photoId}`)).statusCode, 200);
  });
});

describe('the image rate limit per IP', () => {
  let h: Harness;
  let client: Credentials;
  let photoId: number;

  before(async () => {
    h = await createHarness({
      rateLimitSession: 1000,
      rateLimitIp: IP_API,
      rateLimitImages: IMAGES,
      trustedProxies: ['127.0.0.1'],
    });
    const owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    const c = await createCollection(h, owner, {
      name: 'Budgets per IP',
      shared_with: [h.users.gallery_client.email],
    });
    const g = await createGallery(h, owner, c.id);
    photoId = (await addPhoto(h, { galleryId: g.id, collectionId: c.id })).id;
  });
  after(() => h.close());

  const get = (url: string, ip: string, cookie = '') =>
    h.gallery.inject({ url, headers: { cookie, 'x-forwarded-for': ip } });

  it('an IP has an image budget apart from its API budget (twice a session’s), even without a session', async () => {
    const ip = '10.40.0.1';
    for (let i = 0; i < IP_API; i++) {
      assert.equal((await get('/api/v1/session', ip)).statusCode, 401);
    }
    assert.equal((await get('/api/v1/session', ip)).statusCode, 429, 'the API budget is spent');

    const thumbnail = `/api/v1/photos/${photoId}/thumbnail.webp`;
    for (let i = 0; i < IP_IMAGES; i++) {
      const status = (await get(thumbnail, ip, i === 0 ? client.cookie : '')).statusCode;
      assert.equal(status, i === 0 ? 200 : 401, 'counted as an image, answered as ever');
    }
    const spent = await get(thumbnail, ip, client.cookie);
    assert.equal(spent.statusCode, 429);
    assert.match(spent.json<{ message: string }>().message, /images for this IP address/);
    assert.equal((await get(thumbnail, '10.40.0.2', client.cookie)).statusCode, 200, 'per IP');
  });
});
