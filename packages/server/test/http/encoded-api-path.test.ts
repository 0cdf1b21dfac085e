import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

/**
 * The router decodes the path, so `/%61pi/v1/session` is `/api/v1/session`. Every hook must
 * judge it the same way the router does: as the API.
 */
describe('a percent-encoded /api/ path is judged as the API', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  const SPELLINGS = [
    '/api/v1/session',
    '/%61pi/v1/session',
    '/%61%70%69/v1/session',
    '/api/v1/%73ession',
  ];

  it('without a session, every spelling is the 401 of the API', async () => {
    for (const url of SPELLINGS) {
      const res = await h.studio.inject({ url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json<{ code: string }>().code, 'session_expired', url);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
  });

  it('with a session, every spelling is answered as an API read (private, no-cache)', async () => {
    const res = await h.studio.inject({
      url: '/%61pi/v1/clients/',
      headers: { cookie: owner.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-cache');
  });

  it('an encoded API path refuses form bodies as the API does (415), and needs the CSRF token', async () => {
    const form = await h.studio.inject({
      method: 'POST',
      url: '/%61pi/v1/clients/',
      headers: { ...owner.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'first_name=Eve',
    });
    assert.equal(form.statusCode, 415);
    const noToken = await h.studio.inject({
      method: 'POST',
      url: '/%61pi/v1/clients/',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      payload: '{"first_name":"Eve"}',
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json<{ code: string }>().code, 'csrf_mismatch');
  });

  it('an unknown encoded API path is the JSON 404 of the API', async () => {
    const res = await h.studio.inject({
      url: '/%61pi/v1/nowhere',
      headers: { cookie: owner.cookie },
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<{ code: string }>().code, 'not_found');
  });
});
