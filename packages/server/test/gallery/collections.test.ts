import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, NotificationList, PageMeta } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { createCollection } from '../helpers/resources.js';

describe('collections', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
  });
  after(() => h.close());

  function get(id: number | string) {
    return h.gallery.inject({ url: `/api/v1/collections/${id}`, headers: owner.headers });
  }

  async function notifications(): Promise<NotificationList> {
    const res = await h.studio.inject({ url: '/api/v1/notifications/all', headers: owner.headers });
    return res.json<NotificationList>();
  }

  test('POST answers 201 with an 8-digit numeric ID and the documented fields', async () => {
    const c = await createCollection(h, owner, {
      name: 'Wedding Photography 2025',
      description: 'Beautiful wedding moments',
      password: 'first dance',
      expiry_date: '2025-12-31',
    });
    assert.equal(typeof c.id, 'number');
    assert.match(String(c.id), /^\d{8}$/);
    assert.equal(c.name, 'Wedding Photography 2025');
    assert.equal(c.password_protected, true, 'derived from the password');
    assert.equal('password' in c, false, 'the password is never answered');
    assert.equal(c.downloadable, true);
    assert.equal(c.expiry_date, '2025-12-31');
    assert.equal(c.gallery_count, 0);
    assert.equal(c.client_count, 0);
    assert.deepEqual(c.shared_with, []);
    const res = await get(c.id);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<{ data: Collection }>().data, c);
  });

  test('the list is paged with the same meta as the Studio lists', async () => {
    for (const name of ['A', 'B', 'C']) await createCollection(h, owner, { name });
    const res = await h.gallery.inject({
      url: '/api/v1/collections?per_page=2&page=2',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { data, meta } = res.json<{ data: Collection[]; meta: PageMeta }>();
    assert.equal(data.length, 2);
    assert.deepEqual(meta, {
      current_page: 2,
      from: 3,
      last_page: 2,
      per_page: 2,
      to: 4,
      total: 4,
      total_pages: 2,
      links: {
        first: '/api/v1/collections?per_page=2&page=1',
        prev: '/api/v1/collections?per_page=2&page=1',
        next: null,
        last: '/api/v1/collections?per_page=2&page=2',
      },
    });
  });

  test('the Gallery style, limit and offset, pages too, and galleries are paged', async () => {
    const res = await h.gallery.inject({
      url: '/api/v1/collections?limit=1&offset=1',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { data, meta } = res.json<{ data: Collection[]; meta: PageMeta }>();
    assert.equal(data.length, 1);
    assert.equal(meta.current_page, 2);
    assert.equal(meta.links.next, '/api/v1/collections?limit=1&offset=2');
    const c = await createCollection(h, owner, { name: 'Paged' });
    for (const name of ['One', 'Two', 'Three']) {
      const g = await h.gallery.inject({
        method: 'POST',
        url: `/api/v1/collections/${c.id}/galleries`,
        headers: owner.headers,
        payload: { name },
      });
      assert.equal(g.statusCode, 201);
    }
    const pageOf = async (n: number) => {
      const res = await h.gallery.inject({
        url: `/api/v1/collections/${c.id}/galleries?per_page=2&page=${n}`,
        headers: owner.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ data: Array<{ name: string }>; meta: PageMeta }>();
    };
    const [first, second] = [await pageOf(1), await pageOf(2)];
    assert.deepEqual([first.data.length, second.data.length], [2, 1]);
    const names = [...first.data, ...second.data].map((g) => g.name).sort();
    assert.deepEqual(names, ['One', 'Three', 'Two']);
    assert.deepEqual([second.meta.total, second.meta.total_pages, second.meta.from], [3, 2, 3]);
  });

  test('PUT changes only the fields it names', async () => {
    const c = await createCollection(h, owner, { name: 'Before', description: 'keep' });
    const res = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${c.id}`,
      headers: owner.headers,
      payload: { name: 'After', downloadable: false },
    });
    assert.equal(res.statusCode, 200, res.body);
    const updated = res.json<{ data: Collection }>().data;
    assert.equal(updated.name, 'After');
    assert.equal(updated.downloadable, false);
    assert.equal(updated.description, 'keep');
  });

  test('DELETE answers 204, then the collection is 404 with the ID in the message', async () => {
    const c = await createCollection(h, owner, { name: 'Doomed' });
    const del = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${c.id}`,
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 204);
    const res = await get(c.id);
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      error: 'Not Found',
      message: `No collection found with ID: ${c.id}`,
      code: 'not_found',
    });
  });

  test('a malformed collection ID is a 400 that says the format', async () => {
    for (const id of ['abc', '1234567', '123456789', '00000001']) {
      const res = await get(id);
      assert.equal(res.statusCode, 400, id);
      assert.match(
        res.json<{ message: string }>().message,
        /^Collection ID must be a number of 8 digits/,
      );
    }
  });

  test('sharing with a gallery client of the studio lists their email', async () => {
    const email = h.users.gallery_client.email;
    const c = await createCollection(h, owner, { name: 'Shared', shared_with: [email] });
    assert.deepEqual(c.shared_with, [email]);
    assert.equal(c.client_count, 1);
  });

  test('sharing with staff is a 422 on shared_with (an unknown address is invited instead)', async () => {
    for (const email of [h.users.assistant.email, h.users.owner.email]) {
      const res = await h.gallery.inject({
        method: 'POST',
        url: '/api/v1/collections',
        headers: owner.headers,
        payload: { name: 'Nope', shared_with: [email] },
      });
      assert.equal(res.statusCode, 422, email);
      const details = res.json<{ details: Record<string, string[]> }>().details;
      assert.deepEqual(Object.keys(details), ['shared_with']);
      assert.ok(details.shared_with?.[0]?.includes(email), 'the message names the email');
    }
  });

  test('a new share creates one collection_shared notification; keeping it creates none', async () => {
    const email = h.users.gallery_client.email;
    const c = await createCollection(h, owner, { name: 'Notify Share' });
    const before = (await notifications()).meta.total;
    h.clock.advance(1_000);
    const share = () =>
      h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/collections/${c.id}`,
        headers: owner.headers,
        payload: { shared_with: [email] },
      });
    assert.equal((await share()).statusCode, 200);
    const after = await notifications();
    assert.equal(after.meta.total, before + 1);
    const newest = after.data[0];
    assert.equal(newest?.type, 'collection_shared');
    assert.deepEqual(newest?.subject, {
      collection_id: c.id,
      user_id: h.users.gallery_client.id,
    });
    assert.equal((await share()).statusCode, 200);
    assert.equal((await notifications()).meta.total, before + 1);
  });

  test('an assistant creates and updates collections but may not delete them', async () => {
    const c = await createCollection(h, assistant, { name: 'By Assistant' });
    const put = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${c.id}`,
      headers: assistant.headers,
      payload: { description: 'edited' },
    });
    assert.equal(put.statusCode, 200);
    const del = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${c.id}`,
      headers: assistant.headers,
    });
    assert.equal(del.statusCode, 403);
    assert.deepEqual(del.json(), {
      error: 'Forbidden',
      message: 'Insufficient permissions',
      code: 'forbidden',
    });
  });

  test('a collection body is validated with per-field details', async () => {
    const res = await h.gallery.inject({
      method: 'POST',
      url: '/api/v1/collections',
      headers: owner.headers,
      payload: { name: '', expiry_date: '31/12/2025', colour: 'red' },
    });
    assert.equal(res.statusCode, 422);
    const details = res.json<{ details: Record<string, string[]> }>().details;
    assert.deepEqual(Object.keys(details).sort(), ['colour', 'expiry_date', 'name']);
  });
});
