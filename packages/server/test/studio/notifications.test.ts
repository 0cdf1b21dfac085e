import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Notification, type NotificationList, newId } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('notifications', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
    for (const name of ['First', 'Second', 'Third', 'Fourth']) {
      h.clock.advance(1_000);
      const res = await h.studio.inject({
        method: 'POST',
        url: '/api/v1/clients/',
        headers: owner.headers,
        payload: { first_name: name },
      });
      assert.equal(res.statusCode, 201);
    }
  });
  after(() => h.close());

  async function list(query = '') {
    const res = await h.studio.inject({
      url: `/api/v1/notifications/all${query}`,
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<NotificationList>();
  }

  function post(url: string) {
    return h.studio.inject({ method: 'POST', url, headers: owner.headers });
  }

  test('the list is newest first, with unread_count and total', async () => {
    const { data, meta } = await list();
    assert.deepEqual(
      data.map((n) => n.message),
      ['Fourth', 'Third', 'Second', 'First'].map((n) => `${n} was added as a client.`),
    );
    assert.deepEqual(meta, { unread_count: 4, total: 4 });
  });

  test('limit caps the list but not the counts', async () => {
    const { data, meta } = await list('?limit=2');
    assert.equal(data.length, 2);
    assert.deepEqual(meta, { unread_count: 4, total: 4 });
  });

  test('marking one read sets read and read_at, and lowers unread_count', async () => {
    const [newest] = (await list()).data;
    assert.ok(newest);
    h.clock.advance(60_000);
    const res = await post(`/api/v1/notifications/${newest.id}/read`);
    assert.equal(res.statusCode, 200, res.body);
    const read = res.json<{ data: Notification }>().data;
    assert.equal(read.read, true);
    assert.equal(read.read_at, h.clock.now().toISOString().replace('Z', '000Z'));
    assert.equal((await list()).meta.unread_count, 3);

    h.clock.advance(60_000);
    const again = (await post(`/api/v1/notifications/${newest.id}/read`)).json<{
      data: Notification;
    }>();
    assert.equal(again.data.read_at, read.read_at, 'reading again keeps the first read time');
  });

  test('unread=true lists only unread ones', async () => {
    const { data, meta } = await list('?unread=true');
    assert.ok(data.every((n) => !n.read));
    assert.equal(data.length, meta.unread_count);
  });

  test('read_all marks every unread one and says how many', async () => {
    const res = await post('/api/v1/notifications/read_all');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { data: { marked: 3 } });
    assert.equal((await list()).meta.unread_count, 0);
    assert.deepEqual((await post('/api/v1/notifications/read_all')).json(), {
      data: { marked: 0 },
    });
  });

  test('a malformed notification ID is a 400, an unknown one a 404', async () => {
    const bad = await post('/api/v1/notifications/nt_nope/read');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ message: string }>().message, /^Notification ID must be nt_/);
    const id = newId('notification', (n) => crypto.getRandomValues(new Uint8Array(n)));
    const unknown = await post(`/api/v1/notifications/${id}/read`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(
      unknown.json<{ message: string }>().message,
      `No notification found with ID: ${id}`,
    );
  });
});
