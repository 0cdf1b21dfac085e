import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../src/auth/tokens.js';
import { createHarness, type Harness, login, PASSWORD } from '../helpers/harness.js';

describe('login', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('GET /login serves an HTML form with the CSRF token in a meta tag', async () => {
    const res = await h.studio.inject({ method: 'GET', url: '/login' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    const meta = /<meta name="csrf-token" content="([^"]+)">/.exec(res.body);
    assert.ok(meta?.[1], 'meta csrf-token present');
    assert.match(res.body, /name="email"/);
    assert.match(res.body, /name="password"/);
    const cookie = res.cookies.find((c) => c.name === 'XSRF-TOKEN');
    assert.equal(cookie?.value, meta[1]);
  });

  it('a JSON client gets 200 with the user and CSRF token, and three cookies', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: h.users.owner.email, password: PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.data.user.email, h.users.owner.email);
    assert.equal(body.data.user.role, 'owner');
    assert.equal(body.data.user.password_hash, undefined);
    assert.equal(typeof body.data.csrf_token, 'string');
    assert.equal(res.headers['x-csrf-token'], body.data.csrf_token);
    assert.equal(res.headers['cache-control'], 'no-store');

    const byName = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
    assert.deepEqual(Object.keys(byName).sort(), ['XSRF-TOKEN', 'auth_token', 'session_cookie']);
    for (const c of res.cookies) {
      assert.equal(c.path, '/');
      assert.equal(c.sameSite, 'Lax');
      assert.equal(c.secure, undefined, 'not Secure over plain HTTP');
    }
    assert.equal(byName.session_cookie?.httpOnly, true);
    assert.equal(byName.auth_token?.httpOnly, true);
    assert.equal(byName['XSRF-TOKEN']?.httpOnly, undefined);
    assert.equal(byName['XSRF-TOKEN']?.value, body.data.csrf_token);
    assert.ok((byName.auth_token?.maxAge ?? 0) > (byName.session_cookie?.maxAge ?? 0));
  });

  it('accepts a form-encoded body, as the seed examples send', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: '*/*' },
      payload: `email=${encodeURIComponent(h.users.owner.email)}&password=${encodeURIComponent(PASSWORD)}`,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().data.user.role, 'owner');
  });

  it('a browser form post gets 303 to the app page', async () => {
    const page = await h.studio.inject({ method: 'GET', url: '/login' });
    const token = page.cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,application/xhtml+xml',
        origin: 'http://localhost:80',
        host: 'localhost:80',
        'sec-fetch-site': 'same-origin',
        cookie: `XSRF-TOKEN=${token}`,
      },
      payload: `email=${encodeURIComponent(h.users.owner.email)}&password=${encodeURIComponent(PASSWORD)}&_csrf=${token}&next=%2Fapp%2Fclients`,
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/app/clients');
    assert.ok(res.cookies.some((c) => c.name === 'session_cookie'));
  });

  it('does not redirect off-site after login', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: `email=${encodeURIComponent(h.users.owner.email)}&password=${encodeURIComponent(PASSWORD)}&next=%2F%2Fevil.example`,
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/app/');
  });

  it('answers an unknown email and a wrong password alike with 401', async () => {
    const unknown = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: 'nobody@example.com', password: PASSWORD },
    });
    const wrong = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: h.users.assistant.email, password: 'wrong password' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
    assert.deepEqual(unknown.json(), {
      error: 'Unauthorized',
      message: 'Invalid email or password',
      code: 'invalid_credentials',
    });
    assert.equal(unknown.cookies.length, 0);
  });

  it('an unknown email still pays for a password hash', async () => {
    const before = Date.now();
    await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: 'ghost@example.com', password: 'x' },
    });
    // argon2id at 19 MiB, t=2 cannot finish in under a millisecond; a skipped hash would.
    assert.ok(Date.now() - before >= 5);
  });

  it('names the missing or malformed field with 422', async () => {
    const missing = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: 'a@b.co' },
    });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().error, 'Unprocessable Entity');
    assert.deepEqual(missing.json().details, { password: ['is required'] });

    const malformed = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: 'not-an-email', password: 'x' },
    });
    assert.equal(malformed.statusCode, 422);
    assert.ok(malformed.json().details.email);
  });

  it('issues a new session id at every login, whatever cookie the client brings', async () => {
    const first = await login(h.studio, h.users.owner.email);
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: first.cookie },
      payload: { email: h.users.owner.email, password: PASSWORD },
    });
    const second = res.cookies.find((c) => c.name === 'session_cookie')?.value;
    assert.ok(second);
    assert.notEqual(second, first.cookies.session_cookie);
    // The old session is still its own login; the attacker's planted id did not become ours.
    const planted = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: 'session_cookie=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      payload: { email: h.users.owner.email, password: PASSWORD },
    });
    const issued = planted.cookies.find((c) => c.name === 'session_cookie')?.value;
    assert.notEqual(issued, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  });

  it('stores only hashes of the session id and auth token', async () => {
    const creds = await login(h.studio, h.users.owner.email);
    const sessionId = creds.cookies.session_cookie ?? '';
    const authToken = creds.cookies.auth_token ?? '';
    const row = await h.storage.sessions.findBySessionHash(hashSecret(sessionId));
    assert.ok(row);
    assert.equal(row.authTokenHash, hashSecret(authToken));
    const stored = JSON.stringify(row);
    assert.ok(!stored.includes(sessionId));
    assert.ok(!stored.includes(authToken));
  });
});
