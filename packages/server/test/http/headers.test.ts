import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('response headers', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ corsOrigins: ['https://app.example'] });
  });
  after(() => h.close());

  it('API GETs carry an ETag and private, no-cache; If-None-Match gets 304', async () => {
    const creds = await loginAs(h, 'owner');
    const first = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/auth/sessions',
      headers: { cookie: creds.cookie },
    });
    assert.equal(first.statusCode, 200);
    const etag = first.headers.etag;
    assert.ok(typeof etag === 'string' && etag.length > 0);
    const second = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/auth/sessions',
      headers: { cookie: creds.cookie, 'if-none-match': etag },
    });
    assert.equal(second.statusCode, 304);
    assert.equal(second.body, '');
  });

  it('login and session responses are no-store', async () => {
    const creds = await loginAs(h, 'owner');
    const session = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: creds.cookie },
    });
    assert.equal(session.headers['cache-control'], 'no-store');
    const page = await h.studio.inject({ method: 'GET', url: '/login' });
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  it('security headers are set on pages and API', async () => {
    for (const url of ['/login', '/api/v1/session']) {
      const res = await h.studio.inject({ method: 'GET', url });
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.ok(res.headers['content-security-policy'], url);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over HTTP');
      assert.ok(res.headers['x-request-id'], url);
    }
  });

  it('errors and unknown routes carry the security headers; pages keep their own Referrer-Policy', async () => {
    const expected = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-permitted-cross-domain-policies': 'none',
      'x-dns-prefetch-control': 'off',
    };
    const cases = [
      { url: '/api/v1/clients/', status: 401, referrer: 'no-referrer' },
      { url: '/api/v1/nothing-here', status: 401, referrer: 'no-referrer' },
      { url: '/no-such-page', status: 404, referrer: 'no-referrer' },
      { url: '/login', status: 200, referrer: 'same-origin' },
    ];
    for (const { url, status, referrer } of cases) {
      const res = await h.studio.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status, url);
      for (const [name, value] of Object.entries(expected)) {
        assert.equal(res.headers[name], value, `${name} on ${url}`);
      }
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, url);
      assert.doesNotMatch(String(res.headers['content-security-policy']), /upgrade-insecure/, url);
      assert.equal(res.headers['referrer-policy'], referrer, url);
    }
  });

  it('CORS allows listed origins with credentials and the CSRF header, never a wildcard', async () => {
    const preflight = await h.studio.inject({
      method: 'OPTIONS',
      url: '/api/v1/clients/',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-csrf-token,content-type',
      },
    });
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example');
    assert.equal(preflight.headers['access-control-allow-credentials'], 'true');
    assert.match(String(preflight.headers['access-control-allow-headers']), /X-CSRF-Token/i);

    const stranger = await h.studio.inject({
      method: 'OPTIONS',
      url: '/api/v1/clients/',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.notEqual(stranger.headers['access-control-allow-origin'], 'https://evil.example');
    assert.notEqual(stranger.headers['access-control-allow-origin'], '*');
  });
});

describe('HTTPS', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({
      publicStudioUrl: 'https://studio.example',
      publicGalleryUrl: 'https://gallery.example',
    });
  });
  after(() => h.close());

  it('served over HTTPS, cookies are Secure with the __Host- prefix and HSTS is on', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: h.users.owner.email, password: 'correct horse battery staple' },
    });
    assert.equal(res.statusCode, 200);
    const names = res.cookies.map((c) => c.name).sort();
    assert.deepEqual(names, ['__Host-XSRF-TOKEN', '__Host-auth_token', '__Host-session_cookie']);
    for (const c of res.cookies) {
      assert.equal(c.secure, true);
      assert.equal(c.path, '/');
      assert.equal(c.domain, undefined);
    }
    assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/);
  });

  it("over HTTPS a non-browser client may send the seed's plain cookie name; a browser may not", async () => {
    const login = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: h.users.owner.email, password: 'correct horse battery staple' },
    });
    const id = login.cookies.find((c) => c.name === '__Host-session_cookie')?.value ?? '';
    const plain = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `session_cookie=${id}` },
    });
    assert.equal(plain.statusCode, 200);
    const planted = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `session_cookie=${id}`, 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(planted.statusCode, 401, 'a browser must present the __Host- cookie');
  });
});
