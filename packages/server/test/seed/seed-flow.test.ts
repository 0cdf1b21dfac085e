import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD } from '../helpers/harness.js';
import { type Listening, listenHarness, raw } from '../helpers/listen.js';

const UNAUTHORIZED = {
  error: 'Unauthorized',
  message: 'Session expired or invalid',
  code: 'session_expired',
};

/** The seed's flow, step by step, as raw HTTP on real sockets. */
describe('the seed flow over raw HTTP', () => {
  let h: Listening;
  let cookie = '';
  let csrf = '';
  before(async () => {
    h = await listenHarness();
  });
  after(() => h.close());

  it('1. logs in with a form post and receives three cookies', async () => {
    const res = await raw(`${h.studioUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: h.users.owner.email, password: PASSWORD }).toString(),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.setCookies).sort(), [
      'XSRF-TOKEN',
      'auth_token',
      'session_cookie',
    ]);
    csrf = res.json<{ data: { csrf_token: string } }>().data.csrf_token;
    assert.equal(res.headers['x-csrf-token'], csrf);
    cookie = Object.entries(res.setCookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  });

  it('2. lists clients with the cookies, as in "Include Cookies in API Requests"', async () => {
    const res = await raw(`${h.studioUrl}/api/v1/clients/`, {
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status, 200);
    const body = res.json<{ data: unknown[]; meta: { current_page: number } }>();
    assert.ok(Array.isArray(body.data));
    assert.equal(body.meta.current_page, 1);
  });

  it('3. passes both "Testing Authentication" calls with the session cookie alone', async () => {
    const sessionOnly = `session_cookie=${/session_cookie=([^;]+)/.exec(cookie)?.[1]}`;
    const studio = await raw(`${h.studioUrl}/api/v1/notifications/all`, {
      headers: { Cookie: sessionOnly },
    });
    assert.equal(studio.status, 200);
    assert.ok(Array.isArray(studio.json<{ data: unknown[] }>().data));
    const gallery = await raw(`${h.galleryUrl}/api/v1/data/bootstrap`, {
      headers: { Cookie: sessionOnly },
    });
    assert.equal(gallery.status, 200);
    assert.ok(gallery.json<{ data: { account: unknown } }>().data.account);
  });

  it('4. writes with the CSRF token from login', async () => {
    const res = await raw(`${h.studioUrl}/api/v1/clients/`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        type: 'lead',
      }),
    });
    assert.equal(res.status, 201);
    assert.match(res.json<{ data: { id: string } }>().data.id, /^cl_[A-Za-z0-9]{30}$/);
  });

  it('5. refuses the same write without the token', async () => {
    const res = await raw(`${h.studioUrl}/api/v1/clients/`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ first_name: 'Mallory' }),
    });
    assert.equal(res.status, 403);
    assert.deepEqual(res.json(), {
      error: 'Forbidden',
      message: 'CSRF token mismatch',
      code: 'csrf_mismatch',
    });
  });

  it('6. answers 401 with the seed body once the session has expired', async () => {
    h.clock.advance(h.config.sessionIdleMs + 1000);
    const res = await raw(`${h.studioUrl}/api/v1/clients/`, { headers: { Cookie: cookie } });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json(), UNAUTHORIZED);
  });

  it('7. refreshes the session with the auth token', async () => {
    const res = await raw(`${h.studioUrl}/api/v1/session/refresh`, {
      method: 'POST',
      headers: { Cookie: cookie },
    });
    assert.equal(res.status, 200);
    csrf = res.json<{ data: { csrf_token: string } }>().data.csrf_token;
    cookie = Object.entries(res.setCookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const again = await raw(`${h.studioUrl}/api/v1/clients/`, { headers: { Cookie: cookie } });
    assert.equal(again.status, 200);
  });

  it('8. logs out, after which the session is gone', async () => {
    const res = await raw(`${h.studioUrl}/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status, 200);
    assert.equal(res.setCookies.session_cookie, '');
    const after = await raw(`${h.studioUrl}/api/v1/clients/`, { headers: { Cookie: cookie } });
    assert.equal(after.status, 401);
    assert.deepEqual(after.json(), UNAUTHORIZED);
  });
});
