/**
 * Regression: two errors outside `/api/` left in plain text, not the JSON shape every other
 * error has: a missing script under `/assets/` ("Not found") and CORS's answer to a preflight
 * without Origin ("Invalid Preflight Request"). Found by the route fuzzer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('errors outside the API', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('a missing asset gets the JSON 404', async () => {
    const res = await h.studio.inject({ method: 'GET', url: '/assets/missing.js' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(res.json(), { error: 'Not Found', message: 'Not found', code: 'not_found' });
  });

  it("a preflight without Origin gets CORS's 400 in the JSON shape", async () => {
    const res = await h.gallery.inject({ method: 'OPTIONS', url: '/healthz' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(res.json(), {
      error: 'Bad Request',
      message: 'Invalid Preflight Request',
      code: 'bad_request',
    });
  });

  it('pages keep their HTML errors', async () => {
    const creds = await loginAs(h, 'gallery_client', h.studio);
    const res = await h.studio.inject({
      method: 'GET',
      url: '/app/clients',
      headers: { cookie: creds.cookie },
    });
    assert.equal(res.statusCode, 403);
    assert.match(String(res.headers['content-type']), /^text\/html/);
  });
});
