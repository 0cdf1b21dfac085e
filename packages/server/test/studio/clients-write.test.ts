import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client, NotificationList } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('creating, reading, updating and deleting clients', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  async function create(payload: Record<string, unknown>): Promise<Client> {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: owner.headers,
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ data: Client }>().data;
  }

  function get(id: string) {
    return h.studio.inject({ url: `/api/v1/clients/${id}`, headers: owner.headers });
  }

  function put(id: string, payload: Record<string, unknown>) {
    return h.studio.inject({
      method: 'PUT',
      url: `/api/v1/clients/${id}`,
      headers: owner.headers,
      payload,
    });
  }

  test('POST answers 201 with the client, which GET then returns', async () => {
    const client = await create({
      first_name: 'John',
      last_name: 'Doe',
      email: 'john.doe@example.com',
      phone: '1234567890',
      type: 'lead',
      address_info: { address_line_1: '123 Main St', city: 'New York', country_id: 223 },
    });
    assert.equal(client.first_name, 'John');
    assert.equal(client.type, 'lead');
    assert.equal(client.address_info.country_id, 223);
    const res = await get(client.id);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<{ data: Client }>().data, client);
  });

  test('POST without a slash creates too', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: owner.headers,
      payload: { first_name: 'Slashless' },
    });
    assert.equal(res.statusCode, 201);
  });

  test('creating a client records a client_created notification naming it', async () => {
    h.clock.advance(1_000);
    const client = await create({ first_name: 'Notify', last_name: 'Me' });
    const res = await h.studio.inject({
      url: '/api/v1/notifications/all',
      headers: owner.headers,
    });
    const newest = res.json<NotificationList>().data[0];
    assert.ok(newest);
    assert.equal(newest.type, 'client_created');
    assert.deepEqual(newest.subject, { client_id: client.id });
    assert.match(newest.message, /Notify Me/);
    assert.equal(newest.read, false);
  });

  test('PUT changes only the fields it names', async () => {
    const client = await create({
      first_name: 'Jane',
      last_name: 'Roe',
      company: 'Old Co',
      notes: 'keep me',
      address_info: { address_line_1: '1 First St', city: 'Boston' },
    });
    h.clock.advance(5_000);
    const res = await put(client.id, { company: 'New Co', address_info: { city: 'Oslo' } });
    assert.equal(res.statusCode, 200, res.body);
    const updated = res.json<{ data: Client }>().data;
    assert.equal(updated.company, 'New Co');
    assert.equal(updated.notes, 'keep me');
    assert.equal(updated.last_name, 'Roe');
    assert.equal(updated.address_info.address_line_1, '1 First St');
    assert.equal(updated.address_info.city, 'Oslo');
    assert.equal(updated.created_at, client.created_at);
    assert.notEqual(updated.updated_at, client.updated_at);
    assert.deepEqual((await get(client.id)).json<{ data: Client }>().data, updated);
  });

  test('PUT with null clears a field', async () => {
    const client = await create({ first_name: 'Null', email: 'null@example.com' });
    const res = await put(client.id, { email: null });
    assert.equal(res.json<{ data: Client }>().data.email, null);
  });

  test('a PUT that changes a name makes it findable by the new name', async () => {
    const client = await create({ first_name: 'Before' });
    await put(client.id, { last_name: 'Zyxwvut' });
    const res = await h.studio.inject({
      url: '/api/v1/clients/search?q=zyxwvut',
      headers: owner.headers,
    });
    assert.deepEqual(
      res.json<{ data: Client[] }>().data.map((c) => c.id),
      [client.id],
    );
  });

  test('PUT with an empty body is a 422: there must be something to change', async () => {
    const client = await create({ first_name: 'Empty' });
    const res = await put(client.id, {});
    assert.equal(res.statusCode, 422);
  });

  test('DELETE answers 204, then the client is 404', async () => {
    const client = await create({ first_name: 'Doomed' });
    const del = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/clients/${client.id}`,
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    const res = await get(client.id);
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      error: 'Not Found',
      message: `No client found with ID: ${client.id}`,
      code: 'not_found',
    });
    const again = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/clients/${client.id}`,
      headers: owner.headers,
    });
    assert.equal(again.statusCode, 404);
  });

  test('an unknown, well-formed ID is a 404 on GET, PUT and DELETE', async () => {
    const id = `cl_${'A'.repeat(30)}`;
    assert.equal((await get(id)).statusCode, 404);
    assert.equal((await put(id, { first_name: 'X' })).statusCode, 404);
    const del = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/clients/${id}`,
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 404);
  });

  test('a malformed ID is a 400 that says the format', async () => {
    for (const id of ['cl_short', 'xx_ABC123DEF456GHI789JKL012MNO345', `cl_${'a'.repeat(29)}-`]) {
      const res = await get(id);
      assert.equal(res.statusCode, 400, id);
      const body = res.json<{ error: string; message: string }>();
      assert.equal(body.error, 'Bad Request');
      assert.match(body.message, /^Client ID must be cl_ followed by 30 letters and digits \(got /);
    }
    assert.equal((await put('cl_short', { first_name: 'X' })).statusCode, 400);
    const del = await h.studio.inject({
      method: 'DELETE',
      url: '/api/v1/clients/cl_short',
      headers: owner.headers,
    });
    assert.equal(del.statusCode, 400);
  });
});
