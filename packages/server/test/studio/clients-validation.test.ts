import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client, ErrorBody } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('client bodies are validated with per-field details', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  async function rejected(payload: unknown, method: 'POST' | 'PUT' = 'POST', id = '') {
    const res = await h.studio.inject({
      method,
      url: `/api/v1/clients/${id}`,
      headers: owner.headers,
      payload: payload as Record<string, unknown>,
    });
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json<ErrorBody>();
    assert.equal(body.error, 'Unprocessable Entity');
    assert.ok(body.details, 'details are present');
    return body.details;
  }

  test('a missing first_name is named as required', async () => {
    assert.deepEqual(await rejected({ last_name: 'Doe' }), { first_name: ['is required'] });
  });

  test('a bad email is named', async () => {
    const details = await rejected({ first_name: 'John', email: 'not-an-email' });
    assert.deepEqual(Object.keys(details), ['email']);
  });

  test('an unknown field is named, not silently dropped', async () => {
    assert.deepEqual(await rejected({ first_name: 'John', favourite_colour: 'teal' }), {
      favourite_colour: ['is not a known field'],
    });
  });

  test('a number where text belongs is refused, not turned into text', async () => {
    const details = await rejected({ first_name: 123 });
    assert.deepEqual(Object.keys(details), ['first_name']);
  });

  test('an empty first_name is refused', async () => {
    const details = await rejected({ first_name: '' });
    assert.deepEqual(Object.keys(details), ['first_name']);
  });

  test('an unknown type is named', async () => {
    const details = await rejected({ first_name: 'John', type: 'vip' });
    assert.ok(details.type);
  });

  test('nested address fields are named by dotted path', async () => {
    const details = await rejected({ first_name: 'John', address_info: { country_id: 'US' } });
    assert.ok(details['address_info.country_id']);
  });

  test('every problem is reported at once', async () => {
    const details = await rejected({ email: 'nope', phone: 'call me', extra: 1 });
    assert.deepEqual(Object.keys(details).sort(), ['email', 'extra', 'first_name', 'phone']);
  });

  test('PUT bodies are checked the same way', async () => {
    const created = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: owner.headers,
      payload: { first_name: 'Valid' },
    });
    const { id } = created.json<{ data: Client }>().data;
    assert.deepEqual(Object.keys(await rejected({ first_name: 5 }, 'PUT', id)), ['first_name']);
    assert.deepEqual(await rejected({ nickname: 'x' }, 'PUT', id), {
      nickname: ['is not a known field'],
    });
  });

  test('a body that is not JSON is a 400', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: { ...owner.headers, 'content-type': 'application/json' },
      payload: '{"first_name":',
    });
    assert.equal(res.statusCode, 400);
  });
});
