import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, login, loginAs, PASSWORD } from '../helpers/harness.js';

const MISMATCH = { error: 'Forbidden', message: 'CSRF token mismatch', code: 'csrf_mismatch' };

describe('CSRF protection', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ corsOrigins: ['https://partner.example'] });
  });
  after(() => h.close());

  const write = (headers: Record<string, string>) =>
    h.studio.inject({ method: 'POST', url: '/api/v1/auth/sessions/revoke_others', headers });

  it('refuses an unsafe request without the token with the seed body', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await write({ cookie: creds.cookie });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), MISMATCH);
  });

  it('refuses a wrong token of the right length', async () => {
    const creds = await loginAs(h, 'owner');
    const other = await loginAs(h, 'owner');
    const res = await write({ cookie: creds.cookie, 'x-csrf-token': other.csrf });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), MISMATCH);
  });

  it('accepts the token in X-CSRF-Token or X-XSRF-TOKEN', async () => {
    const creds = await loginAs(h, 'owner');
    assert.equal((await write(creds.headers)).statusCode, 200);
    assert.equal(
      (await write({ cookie: creds.cookie, 'x-xsrf-token': creds.csrf })).statusCode,
      200,
    );
  });

  it('refuses a cross-site browser request even with a valid token', async () => {
    const creds = await loginAs(h, 'owner');
    const fetchMeta = await write({ ...creds.headers, 'sec-fetch-site': 'cross-site' });
    assert.equal(fetchMeta.statusCode, 403);
    assert.equal(fetchMeta.json().message, 'Cross-site request refused');
    const origin = await write({ ...creds.headers, origin: 'https://evil.example' });
    assert.equal(origin.statusCode, 403);
    const nullOrigin = await write({ ...creds.headers, origin: 'null' });
    assert.equal(nullOrigin.statusCode, 403);
  });

  it('accepts an allow-listed origin and the server’s own origin with the token', async () => {
    const creds = await loginAs(h, 'owner');
    const partner = await write({ ...creds.headers, origin: 'https://partner.example' });
    assert.equal(partner.statusCode, 200);
    const self = await write({
      ...creds.headers,
      host: 'studio.local:3000',
      origin: 'http://studio.local:3000',
      'sec-fetch-site': 'same-origin',
    });
    assert.equal(self.statusCode, 200);
  });

  it('GET /api/v1/csrf-token returns the current token and sets the cookie again', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/csrf-token',
      headers: { cookie: creds.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().data.csrf_token, creds.csrf);
    assert.equal(res.cookies.find((c) => c.name === 'XSRF-TOKEN')?.value, creds.csrf);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('rotates the token at every login', async () => {
    const a = await loginAs(h, 'owner');
    const b = await loginAs(h, 'owner');
    assert.notEqual(a.csrf, b.csrf);
  });

  it('refuses a browser login without the login page token (login CSRF)', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: { email: h.users.owner.email, password: PASSWORD },
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), MISMATCH);
  });

  it('refuses a cross-site login form post', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { email: h.users.owner.email, password: PASSWORD },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().message, 'Cross-site request refused');
  });

  it('accepts a browser login that echoes the login page token', async () => {
    const page = await h.studio.inject({ method: 'GET', url: '/login' });
    const token = page.cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: {
        'sec-fetch-site': 'same-origin',
        cookie: `XSRF-TOKEN=${token}`,
        'x-csrf-token': token,
      },
      payload: { email: h.users.owner.email, password: PASSWORD },
    });
    assert.equal(res.statusCode, 200);
  });

  it('logout needs the token when a session exists', async () => {
    const creds = await login(h.studio, h.users.owner.email);
    const refused = await h.studio.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie: creds.cookie },
    });
    assert.equal(refused.statusCode, 403);
    const ok = await h.studio.inject({ method: 'POST', url: '/logout', headers: creds.headers });
    assert.equal(ok.statusCode, 200);
  });
});
