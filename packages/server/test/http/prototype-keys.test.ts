import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

/**
 * Field names are the caller's text. An unknown field called `constructor` once reached
 * Object.prototype while the validation error was being described, and answered a 500 in
 * Fastify's own shape (`list.includes is not a function`).
 */
describe('field names that are also Object.prototype names', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
    it(`an unknown field "${key}" is a 422 naming it, top-level and nested`, async () => {
      for (const payload of [
        `{"first_name":"a","${key}":1}`,
        `{"first_name":"a","address_info":{"${key}":1}}`,
      ]) {
        const res = await h.studio.inject({
          method: 'POST',
          url: '/api/v1/clients/',
          headers: { ...owner.headers, 'content-type': 'application/json' },
          payload,
        });
        assert.equal(res.statusCode, 422, payload);
        const body = res.json<{ code: string; details: Record<string, unknown> }>();
        assert.equal(body.code, 'validation_failed');
        const field = payload.includes('address_info') ? `address_info.${key}` : key;
        assert.deepEqual(body.details[field], ['is not a known field']);
      }
    });
  }

  it('a __proto__ key is refused as a bad request, never merged', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: { ...owner.headers, 'content-type': 'application/json' },
      payload: '{"first_name":"a","__proto__":{"admin":true}}',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<{ code: string }>().code, 'bad_request');
  });

  it('query parameters named like prototype members are unknown parameters, 400', async () => {
    for (const url of ['/api/v1/collections?constructor=1', '/api/v1/collections?__proto__=1']) {
      const res = await h.gallery.inject({ url, headers: { cookie: owner.cookie } });
      assert.equal(res.statusCode, 400, url);
      const details = res.json<{ details: Record<string, unknown> }>().details;
      assert.equal(Object.keys(details).length, 1, url);
    }
  });
});
