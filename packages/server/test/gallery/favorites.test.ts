import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Gallery, Notification, NotificationList } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { createCollection, createGallery } from '../helpers/resources.js';

describe('POST /api/v1/galleries/:galleryId/favorite', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let gallery: Gallery;
  let unsharedGallery: Gallery;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    const shared = await createCollection(h, owner, {
      name: 'Harper Wedding',
      shared_with: [h.users.gallery_client.email],
    });
    gallery = await createGallery(h, owner, shared.id, { name: 'Ceremony' });
    const other = await createCollection(h, owner, { name: 'Someone Else' });
    unsharedGallery = await createGallery(h, owner, other.id, { name: 'Private Event' });
  });
  after(() => h.close());

  function favorite(creds: Credentials, id: number | string) {
    return h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${id}/favorite`,
      headers: creds.headers,
    });
  }

  async function favoriteNotifications(): Promise<Notification[]> {
    const res = await h.studio.inject({ url: '/api/v1/notifications/all', headers: owner.headers });
    return res.json<NotificationList>().data.filter((n) => n.type === 'gallery_favorited');
  }

  test('a first favorite counts once and notifies the studio once', async () => {
    const res = await favorite(client, gallery.id);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ data: Gallery }>().data.favorite_count, 1);
    const notes = await favoriteNotifications();
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]?.subject, {
      gallery_id: gallery.id,
      collection_id: gallery.collection_id,
      user_id: h.users.gallery_client.id,
    });
    assert.match(notes[0]?.message ?? '', /Ceremony/);
  });

  test('favoriting again changes nothing and notifies no one', async () => {
    const res = await favorite(client, gallery.id);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ data: Gallery }>().data.favorite_count, 1);
    assert.equal((await favoriteNotifications()).length, 1);
  });

  test('concurrent repeats by one user still count once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => favorite(client, gallery.id)));
    assert.ok(results.every((r) => r.statusCode === 200));
    assert.equal((await favoriteNotifications()).length, 1);
    const listed = await h.gallery.inject({
      url: `/api/v1/collections/${gallery.collection_id}/galleries`,
      headers: client.headers,
    });
    assert.equal(listed.json<{ data: Gallery[] }>().data[0]?.favorite_count, 1);
  });

  test("another user's favorite counts too", async () => {
    const res = await favorite(owner, gallery.id);
    assert.equal(res.json<{ data: Gallery }>().data.favorite_count, 2);
    assert.equal((await favoriteNotifications()).length, 2);
  });

  test('a gallery in a collection not shared with the client is 404', async () => {
    const res = await favorite(client, unsharedGallery.id);
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      error: 'Not Found',
      message: `No gallery found with ID: ${unsharedGallery.id}`,
      code: 'not_found',
    });
  });

  test('a malformed gallery ID is a 400; an unknown one a 404', async () => {
    assert.equal((await favorite(client, 'abc')).statusCode, 400);
    assert.equal((await favorite(client, 100_000_001)).statusCode, 404);
  });

  test('favoriting without the CSRF token is refused', async () => {
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${gallery.id}/favorite`,
      headers: { cookie: client.cookie },
    });
    assert.equal(res.statusCode, 403);
  });
});
