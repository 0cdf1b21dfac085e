import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('errors are never cached or revalidated', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  it('a 401 is no-store without an ETag, and an If-None-Match cannot turn it into a 304', async () => {
    const first = await h.studio.inject({ url: '/api/v1/clients/' });
    assert.equal(first.statusCode, 401);
    assert.equal(first.headers['cache-control'], 'no-store');
    assert.equal(first.headers.etag, undefined);
    // What the old server gave this 401, and any other tag: still a 401 with its body.
    for (const tag of ['W/"RPqVJHineTLcFWY7/oiTJIw2Q+U="', '*']) {
      const again = await h.studio.inject({
        url: '/api/v1/clients/',
        headers: { 'if-none-match': tag },
      });
      assert.equal(again.statusCode, 401);
      assert.equal(again.json<{ code: string }>().code, 'session_expired');
    }
  });

  it('403, 404 and 400 reads are no-store without an ETag too', async () => {
    const client = await loginAs(h, 'gallery_client');
    const cases = [
      await h.studio.inject({ url: '/api/v1/clients/', headers: { cookie: client.cookie } }),
      await h.studio.inject({
        url: '/api/v1/clients/cl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        headers: { cookie: owner.cookie },
      }),
      await h.studio.inject({ url: '/api/v1/clients/?page=0', headers: { cookie: owner.cookie } }),
    ];
    assert.deepEqual(
      cases.map((r) => r.statusCode),
      [403, 404, 400],
    );
    for (const res of cases) {
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers.etag, undefined);
    }
  });

  it('a successful read still has its ETag and answers 304 to it', async () => {
    const first = await h.studio.inject({
      url: '/api/v1/clients/',
      headers: { cookie: owner.cookie },
    });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['cache-control'], 'private, no-cache');
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"/);
    for (const tag of [etag, etag.slice(2), `"other", ${etag}`]) {
      const again = await h.studio.inject({
        url: '/api/v1/clients/',
        headers: { cookie: owner.cookie, 'if-none-match': tag },
      });
      assert.equal(again.statusCode, 304, tag);
    }
  });
});
