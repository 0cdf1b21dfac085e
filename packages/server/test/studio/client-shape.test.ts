import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client, ClientPage } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

let h: Harness;
let owner: Credentials;

before(async () => {
  h = await createHarness();
  owner = await loginAs(h, 'owner');
});
after(() => h.close());

const MICROSECOND_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

test('a client has every field of the docs, with the address keys null when absent', async () => {
  const created = await h.studio.inject({
    method: 'POST',
    url: '/api/v1/clients/',
    headers: owner.headers,
    payload: { first_name: 'John', last_name: 'Doe', address_info: { city: 'New York' } },
  });
  assert.equal(created.statusCode, 201, created.body);
  const page = await h.studio.inject({ url: '/api/v1/clients/', headers: owner.headers });
  const [client] = page.json<ClientPage>().data;
  assert.ok(client);
  assert.deepEqual(Object.keys(client).sort(), [
    'address_info',
    'avatar_color',
    'company',
    'created_at',
    'email',
    'first_name',
    'id',
    'job_title',
    'last_name',
    'notes',
    'phone',
    'sample',
    'status_name',
    'type',
    'type_formatted',
    'updated_at',
  ]);
  assert.deepEqual(client.address_info, {
    address_line_1: null,
    address_line_2: null,
    city: 'New York',
    postal_code: null,
    state: null,
    country: null,
    country_id: null,
  });
  assert.equal(client.status_name, 'Active');
  assert.equal(client.type, 'client');
  assert.equal(client.type_formatted, 'Client');
  assert.equal(client.sample, false);
  assert.match(client.id, /^cl_[A-Za-z0-9]{30}$/);
});

test('timestamps have six fractional digits, as in the docs', async () => {
  h.clock.set(new Date('2025-08-06T14:50:42.000Z'));
  const res = await h.studio.inject({
    method: 'POST',
    url: '/api/v1/clients/',
    headers: owner.headers,
    payload: { first_name: 'Dated' },
  });
  const client = res.json<{ data: Client }>().data;
  assert.equal(client.created_at, '2025-08-06T14:50:42.000000Z');
  assert.match(client.updated_at, MICROSECOND_ISO);
});

test('avatar_color is a colour index from 1 to 12', async () => {
  const colors = new Set<number>();
  for (let i = 0; i < 8; i++) {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: owner.headers,
      payload: { first_name: `Colour ${i}` },
    });
    colors.add(res.json<{ data: Client }>().data.avatar_color);
  }
  for (const c of colors) assert.ok(Number.isInteger(c) && c >= 1 && c <= 12, `got ${c}`);
});

test('an archived client shows status_name Archived', async () => {
  const res = await h.studio.inject({
    method: 'POST',
    url: '/api/v1/clients/',
    headers: owner.headers,
    payload: { first_name: 'Gone', status: 2, type: 'lead' },
  });
  const client = res.json<{ data: Client }>().data;
  assert.equal(client.status_name, 'Archived');
  assert.equal(client.type_formatted, 'Lead');
});
