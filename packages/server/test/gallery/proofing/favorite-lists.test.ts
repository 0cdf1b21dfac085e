import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Collection,
  FavoriteList,
  Gallery,
  Notification,
  NotificationList,
  PageMeta,
} from '@proofsheet/protocol';
import { MAX_LISTS_PER_PERSON } from '../../../src/gallery/proofing/list-routes.js';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { UserRecord } from '../../../src/storage/ports/user-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addGalleryClient, addPhotos, storedCount } from './setup.js';

describe('favorites lists', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let partner: { user: UserRecord; creds: Credentials };
  let stranger: Credentials;
  let shared: Collection;
  let gallery: Gallery;
  let photos: PhotoRecord[];

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    partner = await addGalleryClient(h, 'Partner');
    stranger = (await addGalleryClient(h, 'Stranger')).creds;
    shared = await createCollection(h, owner, {
      name: 'Okafor Wedding',
      shared_with: [h.users.gallery_client.email, partner.user.email],
    });
    gallery = await createGallery(h, owner, shared.id, { name: 'Portraits' });
    photos = await addPhotos(h, gallery, 5);
  });
  after(() => h.close());

  function photo(i: number): PhotoRecord {
    const p = photos[i];
    assert.ok(p);
    return p;
  }

  function send(
    creds: Credentials,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) {
    return h.gallery.inject({
      method,
      url: `/api/v1${url}`,
      headers: creds.headers,
      ...(payload ? { payload } : {}),
    });
  }

  async function create(creds: Credentials, body: object, collection = shared) {
    return send(creds, 'POST', `/collections/${collection.id}/favorite_lists`, body);
  }

  async function made(creds: Credentials, body: object): Promise<FavoriteList> {
    const res = await create(creds, body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ data: FavoriteList }>().data;
  }

  async function add(creds: Credentials, list: FavoriteList, p: PhotoRecord) {
    const res = await send(creds, 'POST', `/photos/${p.id}/favorite?list_id=${list.id}`);
    return res.statusCode;
  }

  async function lists(creds: Credentials, query = '') {
    const res = await send(creds, 'GET', `/collections/${shared.id}/favorite_lists${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: FavoriteList[]; meta: PageMeta }>();
  }

  async function notifications(type: string): Promise<Notification[]> {
    const res = await h.studio.inject({
      url: '/api/v1/notifications/all',
      headers: (await loginAs(h, 'owner')).headers,
    });
    return res.json<NotificationList>().data.filter((n) => n.type === type);
  }

  test('a client listing their lists finds their default list, made on first use', async () => {
    const { data, meta } = await lists(client);
    assert.equal(meta.total, 1);
    assert.equal(data[0]?.default, true);
    assert.equal(data[0]?.photo_count, 0);
    assert.equal(data[0]?.set_by_studio, false);
    assert.equal((await lists(client)).data[0]?.id, data[0]?.id, 'the same list again');
  });

  test('a client makes named lists of their own; limits that contradict are a 422', async () => {
    const list = await made(client, { name: 'Wall prints', max_selection: 3 });
    assert.deepEqual(
      [list.name, list.default, list.min_selection, list.max_selection, list.set_by_studio],
      ['Wall prints', false, null, 3, false],
    );
    assert.equal(list.owner.id, h.users.gallery_client.id);
    const bad = await create(client, { name: 'Nonsense', min_selection: 5, max_selection: 2 });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(Object.keys(bad.json<{ details: object }>().details).sort(), [
      'max_selection',
      'min_selection',
    ]);
    const empty = await create(client, { name: '' });
    assert.equal(empty.statusCode, 422);
  });

  test('the studio makes a list for a client: the client fills it but cannot change it', async () => {
    const assigned = await made(owner, {
      name: 'Album picks',
      min_selection: 2,
      max_selection: 3,
      owner_id: h.users.gallery_client.id,
    });
    assert.equal(assigned.owner.id, h.users.gallery_client.id);
    assert.equal(assigned.set_by_studio, true);
    assert.equal(await add(client, assigned, photo(0)), 200);
    const rename = await send(client, 'PUT', `/favorite_lists/${assigned.id}`, { name: 'Mine' });
    assert.equal(rename.statusCode, 403);
    assert.equal(
      rename.json<{ message: string }>().message,
      'The studio made this list: only the studio changes it',
    );
    const remove = await send(client, 'DELETE', `/favorite_lists/${assigned.id}`);
    assert.equal(remove.statusCode, 403);
    const relimit = await send(assistant, 'PUT', `/favorite_lists/${assigned.id}`, {
      max_selection: 4,
    });
    assert.equal(relimit.statusCode, 200, relimit.body);
    assert.equal(relimit.json<{ data: FavoriteList }>().data.max_selection, 4);
  });

  test('only the studio makes a list for someone, and only for a client of the collection', async () => {
    const asClient = await create(client, { name: 'For you', owner_id: partner.user.id });
    assert.equal(asClient.statusCode, 403);
    const notShared = await create(owner, { name: 'Nope', owner_id: h.users.assistant.id });
    assert.equal(notShared.statusCode, 422);
    assert.deepEqual(Object.keys(notShared.json<{ details: object }>().details), ['owner_id']);
  });

  test("the studio sees everyone's lists with owners and counts; a client only their own", async () => {
    await made(partner.creds, { name: "Partner's picks" });
    const studio = await lists(owner, '?per_page=100');
    const owners = new Set(studio.data.map((l) => l.owner.id));
    assert.ok(owners.has(h.users.gallery_client.id));
    assert.ok(owners.has(partner.user.id));
    const assigned = studio.data.find((l) => l.name === 'Album picks');
    assert.equal(assigned?.photo_count, 1);
    assert.equal(assigned?.owner.email, h.users.gallery_client.email);
    const theirs = await lists(partner.creds);
    assert.ok(theirs.data.every((l) => l.owner.id === partner.user.id));
    assert.deepEqual(
      theirs.data.map((l) => l.name),
      ['Favorites', "Partner's picks"],
    );
    const mine = await lists(client);
    assert.ok(mine.data.every((l) => l.owner.id === h.users.gallery_client.id));
    assert.equal(mine.meta.total, 3);
    const paged = await lists(owner, '?per_page=2&page=2');
    assert.equal(paged.meta.current_page, 2);
    assert.equal(paged.data.length, 2);
  });

  test("another client's list is 404 to read, change, delete, submit or export", async () => {
    const theirs = (await lists(partner.creds)).data[1];
    assert.ok(theirs);
    for (const [method, url] of [
      ['PUT', `/favorite_lists/${theirs.id}`],
      ['DELETE', `/favorite_lists/${theirs.id}`],
      ['POST', `/favorite_lists/${theirs.id}/submit`],
      ['GET', `/favorite_lists/${theirs.id}/export`],
    ] as const) {
      const res = await send(client, method, url, method === 'PUT' ? { name: 'x' } : undefined);
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.equal(
        res.json<{ message: string }>().message,
        `No favorites list found with ID: ${theirs.id}`,
      );
    }
    const unshared = await send(stranger, 'GET', `/collections/${shared.id}/favorite_lists`);
    assert.equal(unshared.statusCode, 404);
  });

  test('submitting checks the minimum, notifies the studio once, then closes the list', async () => {
    const assigned = (await lists(client)).data.find((l) => l.name === 'Album picks');
    assert.ok(assigned);
    const short = await send(client, 'POST', `/favorite_lists/${assigned.id}/submit`);
    assert.equal(short.statusCode, 422);
    assert.equal(
      short.json<{ message: string }>().message,
      'Choose at least 2 photos before submitting "Album picks" (1 chosen)',
    );
    assert.equal((await notifications('favorites_submitted')).length, 0);
    assert.equal(await add(client, assigned, photo(1)), 200);
    const done = await send(client, 'POST', `/favorite_lists/${assigned.id}/submit`);
    assert.equal(done.statusCode, 200, done.body);
    const submitted = done.json<{ data: FavoriteList }>().data;
    assert.equal(submitted.submitted, true);
    assert.equal(submitted.submitted_at, '2026-01-15T10:00:00.000000Z');
    const again = await send(client, 'POST', `/favorite_lists/${assigned.id}/submit`);
    assert.equal(again.statusCode, 200);
    const notes = await notifications('favorites_submitted');
    assert.equal(notes.length, 1, 'submitting twice notifies once');
    assert.equal(
      notes[0]?.message,
      'gallery_client Tester submitted "Album picks" (2 photos) in "Okafor Wedding".',
    );
    assert.deepEqual(notes[0]?.subject, {
      collection_id: shared.id,
      favorite_list_id: assigned.id,
      user_id: h.users.gallery_client.id,
    });

    assert.equal(await add(client, assigned, photo(2)), 409);
    const out = await send(
      client,
      'DELETE',
      `/photos/${photo(0).id}/favorite?list_id=${assigned.id}`,
    );
    assert.equal(out.statusCode, 409);
    assert.match(out.json<{ message: string }>().message, /was submitted/);
    assert.equal(await storedCount(h, photo(2)), 0);
  });

  test('only the studio reopens a submitted list; only its owner submits it', async () => {
    const assigned = (await lists(client)).data.find((l) => l.name === 'Album picks');
    assert.ok(assigned);
    const byClient = await send(client, 'PUT', `/favorite_lists/${assigned.id}`, {
      submitted: false,
    });
    assert.equal(byClient.statusCode, 403);
    assert.equal(
      byClient.json<{ message: string }>().message,
      'Only the studio reopens a submitted list',
    );
    const byStudio = await send(owner, 'PUT', `/favorite_lists/${assigned.id}`, {
      submitted: false,
    });
    assert.equal(byStudio.statusCode, 200, byStudio.body);
    assert.equal(byStudio.json<{ data: FavoriteList }>().data.submitted, false);
    assert.equal(await add(client, assigned, photo(2)), 200);
    const studioSubmits = await send(owner, 'POST', `/favorite_lists/${assigned.id}/submit`);
    assert.equal(studioSubmits.statusCode, 403);
    const submittedTrue = await send(owner, 'PUT', `/favorite_lists/${assigned.id}`, {
      submitted: true,
    });
    assert.equal(submittedTrue.statusCode, 422, 'submitting goes through submit, which checks');
  });

  test('changing limits to contradict is a 422 and changes nothing', async () => {
    const list = (await lists(client)).data.find((l) => l.name === 'Wall prints');
    assert.ok(list);
    const res = await send(client, 'PUT', `/favorite_lists/${list.id}`, { min_selection: 9 });
    assert.equal(res.statusCode, 422);
    const kept = await h.storage.favorites.findList(h.accountId, list.id);
    assert.equal(kept?.minSelection, null);
    const renamed = await send(client, 'PUT', `/favorite_lists/${list.id}`, {
      name: 'Canvas prints',
      min_selection: null,
    });
    assert.equal(renamed.statusCode, 200);
    assert.equal(renamed.json<{ data: FavoriteList }>().data.name, 'Canvas prints');
    const nothing = await send(client, 'PUT', `/favorite_lists/${list.id}`, {});
    assert.equal(nothing.statusCode, 422, 'a change names at least one field');
  });

  test("deleting a list takes its photos' favorites off their counts", async () => {
    const list = await made(client, { name: 'Short-lived' });
    assert.equal(await add(client, list, photo(4)), 200);
    assert.equal(await storedCount(h, photo(4)), 1);
    const res = await send(client, 'DELETE', `/favorite_lists/${list.id}`);
    assert.equal(res.statusCode, 204);
    assert.equal(await storedCount(h, photo(4)), 0);
    const gone = await send(client, 'DELETE', `/favorite_lists/${list.id}`);
    assert.equal(gone.statusCode, 404);
    const malformed = await send(client, 'DELETE', '/favorite_lists/nope');
    assert.equal(malformed.statusCode, 400);
  });

  test(`a person has at most ${MAX_LISTS_PER_PERSON} lists in a collection`, async () => {
    const { meta } = await lists(partner.creds);
    for (let i = meta.total; i < MAX_LISTS_PER_PERSON; i++) {
      await made(partner.creds, { name: `List ${i}` });
    }
    const over = await create(partner.creds, { name: 'One too many' });
    assert.equal(over.statusCode, 409);
    assert.equal(
      over.json<{ message: string }>().message,
      `A person may have at most ${MAX_LISTS_PER_PERSON} favorites lists in a collection: delete one first`,
    );
  });

  test('once the collection expires, its lists are gone for the client, not for the studio', async () => {
    const list = (await lists(client)).data[0];
    assert.ok(list);
    const put = await send(owner, 'PUT', `/collections/${shared.id}`, {
      expiry_date: '2026-01-14',
    });
    assert.equal(put.statusCode, 200, put.body);
    const listed = await send(client, 'GET', `/collections/${shared.id}/favorite_lists`);
    assert.equal(listed.statusCode, 404);
    const renamed = await send(client, 'PUT', `/favorite_lists/${list.id}`, { name: 'Late' });
    assert.equal(renamed.statusCode, 404);
    const studio = await send(owner, 'GET', `/favorite_lists/${list.id}/export`);
    assert.equal(studio.statusCode, 200);
    await send(owner, 'PUT', `/collections/${shared.id}`, { expiry_date: null });
  });
});
