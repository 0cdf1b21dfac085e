/**
 * What a share-link visitor may read, and for how long: their link's collection alone, its
 * named galleries or its one photo, until the link expires, the collection expires or the link
 * is revoked, each taking effect at the very next request, images included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BeforeShow, Collection, Gallery, PageMeta } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import {
  addPhoto,
  createShareLink,
  enter,
  enterAs,
  probeUrl,
  registerImageProbe,
  tokenOf,
  type VisitorCredentials,
} from '../../helpers/share-links.js';

const HOUR = 3_600_000;

describe('what a share-link visitor may read', () => {
  let h: Harness;
  let owner: Credentials;
  let wedding: Collection;
  let sharedWithClient: Collection;
  let ceremony: Gallery;
  let reception: Gallery;
  let culls: Gallery;
  let elsewhere: Gallery;
  let ceremonyPhoto: number;
  let receptionPhoto: number;

  before(async () => {
    h = await createHarness();
    registerImageProbe(h);
    owner = await loginAs(h, 'owner', h.gallery);
    wedding = await createCollection(h, owner, { name: 'Reyes Wedding' });
    sharedWithClient = await createCollection(h, owner, {
      name: 'Someone Else',
      shared_with: [h.users.gallery_client.email],
    });
    ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    reception = await createGallery(h, owner, wedding.id, { name: 'Reception' });
    culls = await createGallery(h, owner, wedding.id, { name: 'Culls', private: true });
    elsewhere = await createGallery(h, owner, sharedWithClient.id, { name: 'Elsewhere' });
    ceremonyPhoto = (await addPhoto(h, ceremony, 'ceremony.jpg')).id;
    receptionPhoto = (await addPhoto(h, reception, 'reception.jpg')).id;
  });
  after(() => h.close());

  const get = (who: { headers: Record<string, string> }, url: string) =>
    h.gallery.inject({ url, headers: who.headers });

  async function galleryNames(who: VisitorCredentials, collectionId = wedding.id) {
    const res = await get(who, `/api/v1/collections/${collectionId}/galleries`);
    assert.equal(res.statusCode, 200, res.body);
    // Galleries made at the same instant list in ID order: compare as sets.
    return res
      .json<{ data: Gallery[] }>()
      .data.map((g) => g.name)
      .sort();
  }

  test('a whole-collection link reads its collection and its galleries, none private', async () => {
    const visitor = await enterAs(h, await createShareLink(h, owner, wedding.id));
    const res = await get(visitor, `/api/v1/collections/${wedding.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const collection = res.json<{ data: Collection }>().data;
    assert.equal(collection.gallery_count, 2);
    assert.deepEqual(
      collection.shared_with,
      [],
      'who else it is shared with is not theirs to know',
    );
    assert.equal(collection.client_count, 0);
    assert.deepEqual(await galleryNames(visitor), ['Ceremony', 'Reception']);

    const list = await get(visitor, '/api/v1/collections');
    const { data, meta } = list.json<{ data: Collection[]; meta: PageMeta }>();
    assert.deepEqual(
      data.map((c) => c.id),
      [wedding.id],
    );
    assert.equal(meta.total, 1);

    const favorite = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${culls.id}/favorite`,
      headers: visitor.headers,
    });
    assert.equal(favorite.statusCode, 404, 'a private gallery is not there for them');
    assert.equal((await get(visitor, probeUrl(ceremonyPhoto))).statusCode, 200);
  });

  test('a visitor gets 404 for other collections, shared with a client or not', async () => {
    const visitor = await enterAs(h, await createShareLink(h, owner, wedding.id));
    for (const id of [sharedWithClient.id, 99_999_999]) {
      assert.equal((await get(visitor, `/api/v1/collections/${id}`)).statusCode, 404);
      assert.equal((await get(visitor, `/api/v1/collections/${id}/galleries`)).statusCode, 404);
    }
    const favorite = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${elsewhere.id}/favorite`,
      headers: visitor.headers,
    });
    assert.equal(favorite.statusCode, 404);
  });

  test('a visitor gets 401 from every route that does not let visitors in, on both APIs', async () => {
    const visitor = await enterAs(h, await createShareLink(h, owner, wedding.id));
    const refused: Array<[string, string, object | undefined]> = [
      ['GET', '/api/v1/session', undefined],
      ['GET', '/api/v1/data/bootstrap', undefined],
      ['GET', '/api/v1/auth/sessions', undefined],
      ['POST', '/api/v1/collections', { name: 'Mine now' }],
      ['PUT', `/api/v1/collections/${wedding.id}`, { name: 'Renamed' }],
      ['GET', `/api/v1/collections/${wedding.id}/share_links`, undefined],
      ['POST', `/api/v1/collections/${wedding.id}/share_links`, {}],
      ['GET', `/api/v1/collections/${wedding.id}/visitor_emails`, undefined],
      ['GET', `/api/v1/collections/${wedding.id}/edit`, undefined],
      ['POST', `/api/v1/collections/${wedding.id}/galleries`, { name: 'Extra' }],
    ];
    for (const [method, url, payload] of refused) {
      const res = await h.gallery.inject({
        method: method as 'GET',
        url,
        headers: visitor.headers,
        ...(payload ? { payload } : {}),
      });
      assert.equal(res.statusCode, 401, `${method} ${url}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, 'session_expired');
    }
    const studio = await h.studio.inject({ url: '/api/v1/clients/', headers: visitor.headers });
    assert.equal(studio.statusCode, 401, 'the Studio API has no visitors');
    const renamed = await h.storage.collections.findById(h.accountId, wedding.id);
    assert.equal(renamed?.name, 'Reyes Wedding');
  });

  test('a link limited to one gallery cannot read another', async () => {
    const link = await createShareLink(h, owner, wedding.id, { gallery_ids: [ceremony.id] });
    const visitor = await enterAs(h, link);
    assert.deepEqual(await galleryNames(visitor), ['Ceremony']);
    const collection = (await get(visitor, `/api/v1/collections/${wedding.id}`)).json<{
      data: Collection;
    }>().data;
    assert.equal(collection.gallery_count, 1, 'counts what the link opens');
    const favorite = (id: number) =>
      h.gallery.inject({
        method: 'POST',
        url: `/api/v1/galleries/${id}/favorite`,
        headers: visitor.headers,
      });
    assert.equal((await favorite(reception.id)).statusCode, 404);
    assert.equal((await favorite(ceremony.id)).statusCode, 200);
    assert.equal((await get(visitor, probeUrl(ceremonyPhoto))).statusCode, 200);
    assert.equal((await get(visitor, probeUrl(receptionPhoto))).statusCode, 404);
  });

  test('a single-photo link opens that photo alone, and no gallery as a whole', async () => {
    const link = await createShareLink(h, owner, wedding.id, { photo_id: ceremonyPhoto });
    const visitor = await enterAs(h, link);
    assert.deepEqual(await galleryNames(visitor), []);
    assert.equal((await get(visitor, probeUrl(ceremonyPhoto))).statusCode, 200);
    assert.equal((await get(visitor, probeUrl(receptionPhoto))).statusCode, 404);
    const favorite = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${ceremony.id}/favorite`,
      headers: visitor.headers,
    });
    assert.equal(favorite.statusCode, 404);
    const page = await h.gallery.inject({ url: '/visit', headers: visitor.headers });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`/api/v1/photos/${ceremonyPhoto}/preview\\.jpg\\?v=`));
  });

  test('a revoked link ends access at the next request, an image fetched before included', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const visitor = await enterAs(h, link);
    const image = probeUrl(ceremonyPhoto);
    const before = await get(visitor, image);
    assert.equal(before.statusCode, 200);
    assert.equal(before.headers['content-type'], 'image/jpeg');
    assert.ok(before.rawPayload.length > 1000);
    assert.equal((await get(visitor, `/api/v1/collections/${wedding.id}`)).statusCode, 200);

    const revoked = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/share_links/${link.id}`,
      headers: owner.headers,
    });
    assert.equal(revoked.statusCode, 204);

    const afterImage = await get(visitor, image);
    assert.equal(afterImage.statusCode, 401, afterImage.body);
    assert.equal((await get(visitor, `/api/v1/collections/${wedding.id}`)).statusCode, 401);
    const page = await h.gallery.inject({ url: '/visit', headers: visitor.headers });
    assert.match(page.body, /revoked or has expired/);
    assert.doesNotMatch(page.body, /Ceremony/);
    const cleared = page.cookies as Array<{ name: string; value: string }>;
    assert.ok(
      cleared.some((c) => c.name === 'visitor_session' && c.value === ''),
      'the dead cookie is cleared',
    );
    const reopen = await h.gallery.inject({ url: `/s/${tokenOf(link)}` });
    assert.equal(reopen.statusCode, 404, 'the link itself is gone');
    assert.equal(
      (await enter(h.gallery, tokenOf(link), { email: 'x@example.com' })).statusCode,
      404,
    );
  });

  test('an expired link stops at its expiry instant, thumbnails included', async () => {
    const expiresAt = new Date(h.clock.now().getTime() + 2 * HOUR);
    const link = await createShareLink(h, owner, wedding.id, {
      expires_at: expiresAt.toISOString(),
    });
    const visitor = await enterAs(h, link);
    h.clock.set(new Date(expiresAt.getTime() - 1));
    assert.equal((await get(visitor, probeUrl(ceremonyPhoto))).statusCode, 200);
    assert.equal((await get(visitor, `/api/v1/collections/${wedding.id}`)).statusCode, 200);
    h.clock.set(expiresAt);
    assert.equal((await get(visitor, probeUrl(ceremonyPhoto))).statusCode, 401);
    assert.equal((await get(visitor, `/api/v1/collections/${wedding.id}`)).statusCode, 401);
    const page = await h.gallery.inject({ url: `/s/${tokenOf(link)}` });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /has expired/);
    const entry = await enter(h.gallery, tokenOf(link), { email: 'late@example.com' });
    assert.equal(entry.statusCode, 404);
    owner = await loginAs(h, 'owner', h.gallery);
  });

  test("the collection's expiry date ends a visitor's access as it ends a client's", async () => {
    const today = h.clock.now().toISOString().slice(0, 10);
    const expiring = await createCollection(h, owner, { name: 'Expires', expiry_date: today });
    const link = await createShareLink(h, owner, expiring.id);
    const visitor = await enterAs(h, link);
    assert.equal((await get(visitor, `/api/v1/collections/${expiring.id}`)).statusCode, 200);
    h.clock.set(new Date(`${today}T23:59:59.999Z`));
    assert.equal((await get(visitor, `/api/v1/collections/${expiring.id}`)).statusCode, 200);
    h.clock.set(new Date(new Date(`${today}T00:00:00Z`).getTime() + 24 * HOUR));
    assert.equal((await get(visitor, `/api/v1/collections/${expiring.id}`)).statusCode, 404);
    const before = await get(visitor, `/api/v1/collections/${expiring.id}/before_show`);
    assert.equal(before.statusCode, 200, before.body);
    assert.equal(before.json<{ data: BeforeShow }>().data.status, 'expired');
    const page = await h.gallery.inject({ url: `/s/${tokenOf(link)}` });
    assert.match(page.body, /has expired/);
    owner = await loginAs(h, 'owner', h.gallery);
  });

  test("a visitor's session ends after its lifetime, even on a link that never expires", async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const visitor = await enterAs(h, link);
    h.clock.advance(h.config.visitorSessionLifetimeMs - 1);
    assert.equal((await get(visitor, `/api/v1/collections/${wedding.id}`)).statusCode, 200);
    h.clock.advance(1);
    assert.equal((await get(visitor, `/api/v1/collections/${wedding.id}`)).statusCode, 401);
    const again = await enterAs(h, link);
    assert.equal((await get(again, `/api/v1/collections/${wedding.id}`)).statusCode, 200);
    owner = await loginAs(h, 'owner', h.gallery);
  });

  test('visitor emails are recorded, once per address, and the studio lists them', async () => {
    const collection = await createCollection(h, owner, { name: 'Guests' });
    const one = await createShareLink(h, owner, collection.id);
    const two = await createShareLink(h, owner, collection.id);
    await enterAs(h, one, { email: 'Grandma@example.com' });
    await enterAs(h, two, { email: 'grandma@example.com' });
    await enterAs(h, two, { email: 'grandpa@example.com' });
    const res = await get(owner, `/api/v1/collections/${collection.id}/visitor_emails`);
    assert.equal(res.statusCode, 200, res.body);
    const { data, meta } = res.json<{
      data: Array<{ email: string; visits: number }>;
      meta: PageMeta;
    }>();
    assert.equal(meta.total, 2);
    assert.deepEqual(data.map((v) => [v.email, v.visits]).sort(), [
      ['Grandma@example.com', 2],
      ['grandpa@example.com', 1],
    ]);
  });
});
