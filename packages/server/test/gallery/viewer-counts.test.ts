/**
 * Regression: a gallery client's collection counts included private galleries, `client_count`
 * told them how many others it was shared with, and `favorite_count` what others favorited.
 * Every count is now what that viewer may see; the studio keeps the full counts. Photo and
 * video counts come from real photos: hidden, processing and failed ones are not a client's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Collection, type Gallery, newId, type PageMeta } from '@proofsheet/protocol';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { addPhoto, addPhotos, addVideo } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';

type Counts = Pick<Collection, 'gallery_count' | 'photo_count' | 'video_count' | 'client_count'>;

function countsOf(c: Collection | undefined): Counts | undefined {
  if (!c) return undefined;
  const { gallery_count, photo_count, video_count, client_count } = c;
  return { gallery_count, photo_count, video_count, client_count };
}

describe('collection and gallery counts, as each viewer may see them', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let otherClient: UserRecord;
  let shared: Collection;
  let onlyPrivate: Collection;
  let publicGallery: Gallery;
  let privateGallery: Gallery;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    otherClient = {
      ...h.users.gallery_client,
      id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
      email: 'other-client@example.com',
    };
    await h.storage.users.create(otherClient);
    shared = await createCollection(h, owner, {
      name: 'Shared With Two',
      shared_with: [h.users.gallery_client.email, otherClient.email],
    });
    publicGallery = await createGallery(h, owner, shared.id, { name: 'Highlights' });
    privateGallery = await createGallery(h, owner, shared.id, { name: 'Culls', private: true });
    const small = { width: 64, height: 48 };
    const highlights = { galleryId: publicGallery.id, collectionId: shared.id };
    const culls = { galleryId: privateGallery.id, collectionId: shared.id };
    // Highlights: 3 photos and a video a client sees; the studio also counts a hidden photo and
    // one still processing; nobody counts a failed one.
    await addPhotos(h, 3, { ...highlights, ...small });
    await addVideo(h, highlights);
    await addPhotos(h, 1, { ...highlights, ...small, hidden: true });
    await addPhotos(h, 1, { ...highlights, ...small, process: false });
    await addPhoto(h, { ...highlights, bytes: Buffer.from('not an image') });
    // Culls: 4 photos and 2 videos, private.
    await addPhotos(h, 4, { ...culls, ...small });
    await addVideo(h, culls);
    await addVideo(h, culls);
    onlyPrivate = await createCollection(h, owner, {
      name: 'Nothing Public Yet',
      shared_with: [h.users.gallery_client.email],
    });
    await createGallery(h, owner, onlyPrivate.id, { name: 'Work in progress', private: true });
  });
  after(() => h.close());

  async function list(creds: Credentials): Promise<Collection[]> {
    const res = await h.gallery.inject({ url: '/api/v1/collections', headers: creds.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Collection[]; meta: PageMeta }>().data;
  }

  async function one(creds: Credentials, id: number): Promise<Collection> {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${id}`,
      headers: creds.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Collection }>().data;
  }

  async function galleries(creds: Credentials, id: number): Promise<Gallery[]> {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${id}/galleries`,
      headers: creds.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Gallery[] }>().data;
  }

  test("a gallery client's counts leave private galleries out, in the list and the item", async () => {
    const expected = { gallery_count: 1, photo_count: 3, video_count: 1, client_count: 1 };
    assert.deepEqual(countsOf(await one(client, shared.id)), expected);
    const listed = (await list(client)).find((c) => c.id === shared.id);
    assert.deepEqual(countsOf(listed), expected);
    // The counts add up to what they are shown.
    const shown = await galleries(client, shared.id);
    assert.equal(shown.length, expected.gallery_count);
    assert.equal(
      shown.reduce((n, g) => n + g.photo_count, 0),
      expected.photo_count,
    );
  });

  test('a collection of private galleries only counts as empty for them', async () => {
    const expected = { gallery_count: 0, photo_count: 0, video_count: 0, client_count: 1 };
    assert.deepEqual(countsOf(await one(client, onlyPrivate.id)), expected);
    const listed = (await list(client)).find((c) => c.id === onlyPrivate.id);
    assert.deepEqual(countsOf(listed), expected);
  });

  test('client_count does not tell a gallery client how many others it is shared with', async () => {
    const c = await one(client, shared.id);
    assert.equal(c.client_count, 1, 'themselves only');
    assert.deepEqual(c.shared_with, [h.users.gallery_client.email]);
    assert.equal(c.client_count, c.shared_with.length);
  });

  test('owner and assistant keep the full counts, in the list and the item', async () => {
    const expected = { gallery_count: 2, photo_count: 9, video_count: 3, client_count: 2 };
    for (const staff of [owner, assistant]) {
      assert.deepEqual(countsOf(await one(staff, shared.id)), expected);
      assert.deepEqual(countsOf((await list(staff)).find((c) => c.id === shared.id)), expected);
      assert.deepEqual((await one(staff, shared.id)).shared_with.sort(), [
        h.users.gallery_client.email,
        otherClient.email,
      ]);
      const perGallery = (await galleries(staff, shared.id))
        .map((g) => [g.name, g.photo_count, g.video_count])
        .sort()
        .reverse();
      // Processing and hidden photos count for the studio; the failed one for nobody.
      assert.deepEqual(perGallery, [
        ['Highlights', 5, 1],
        ['Culls', 4, 2],
      ]);
    }
  });

  test('the counts follow a gallery made public', async () => {
    const res = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${shared.id}/galleries/${privateGallery.id}`,
      headers: owner.headers,
      payload: { private: false },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await one(client, shared.id)).gallery_count, 2);
    assert.equal((await one(client, shared.id)).photo_count, 7, 'still without the hidden one');
    const back = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${shared.id}/galleries/${privateGallery.id}`,
      headers: owner.headers,
      payload: { private: true },
    });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await one(client, shared.id)).gallery_count, 1);
  });

  test("favorite_count shows a gallery client their own favorite, not others'", async () => {
    const at = h.clock.now();
    await h.storage.galleries.addFavorite(h.accountId, publicGallery.id, otherClient.id, at);
    await h.storage.galleries.addFavorite(h.accountId, publicGallery.id, h.users.owner.id, at);
    const mine = async () => (await galleries(client, shared.id))[0]?.favorite_count;
    assert.equal(await mine(), 0);
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${publicGallery.id}/favorite`,
      headers: client.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ data: Gallery }>().data.favorite_count, 1);
    assert.equal(await mine(), 1);
    const staffView = (await galleries(owner, shared.id)).find((g) => g.id === publicGallery.id);
    assert.equal(staffView?.favorite_count, 3, 'the studio counts every favorite');
  });
});
