import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TOUCH_INTERVAL_MS } from '../../src/auth/session-service.js';
import {
  createHarness,
  credentialsFrom,
  type Harness,
  loginAs,
  setCookies,
} from '../helpers/harness.js';

const UNAUTHORIZED = {
  error: 'Unauthorized',
  message: 'Session expired or invalid',
  code: 'session_expired',
};
const MINUTE = 60_000;

/** Counts the session store's touch writes until `restore()` is called. */
function countTouches(h: Harness) {
  const store = h.storage.sessions;
  const original = store.touch.bind(store);
  let writes = 0;
  store.touch = async (id, at) => {
    writes += 1;
    return original(id, at);
  };
  return {
    count: () => writes,
    restore: () => {
      store.touch = original;
    },
  };
}

describe('session lifecycle', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const session = (cookie: string) =>
    h.studio.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
  const refresh = (cookie: string) =>
    h.studio.inject({ method: 'POST', url: '/api/v1/session/refresh', headers: { cookie } });

  it('an /api/v1 request without a session gets exactly the seed 401 body', async () => {
    for (const cookie of [
      '',
      'session_cookie=garbage',
      'session_cookie=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const res = await h.studio.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: cookie ? { cookie } : {},
      });
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), UNAUTHORIZED);
    }
    const unknownRoute = await h.studio.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.deepEqual(unknownRoute.json(), UNAUTHORIZED);
  });

  it('GET /api/v1/session describes the session', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await session(creds.cookie);
    assert.equal(res.statusCode, 200);
    const { data } = res.json();
    assert.equal(data.user.email, h.users.owner.email);
    assert.equal(data.role, 'owner');
    const now = h.clock.now().getTime();
    assert.equal(Date.parse(data.expires_at), now + h.config.sessionLifetimeMs);
    assert.equal(Date.parse(data.idle_expires_at), now + h.config.sessionIdleMs);
    assert.equal(data.session.current, true);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('a session expires after the idle timeout', async () => {
    const creds = await loginAs(h, 'owner');
    h.clock.advance(h.config.sessionIdleMs - 1000);
    assert.equal((await session(creds.cookie)).statusCode, 200);
    h.clock.advance(h.config.sessionIdleMs + 1000);
    const res = await session(creds.cookie);
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), UNAUTHORIZED);
  });

  it('activity slides the idle window, up to the absolute lifetime', async () => {
    const creds = await loginAs(h, 'owner');
    const step = h.config.sessionIdleMs - MINUTE;
    let elapsed = 0;
    while (elapsed + step < h.config.sessionLifetimeMs) {
      h.clock.advance(step);
      elapsed += step;
      assert.equal((await session(creds.cookie)).statusCode, 200, `alive after ${elapsed} ms`);
    }
    h.clock.advance(h.config.sessionLifetimeMs - elapsed);
    assert.equal((await session(creds.cookie)).statusCode, 401);
  });

  it('slides the idle window without a write per request: at most one a minute', async () => {
    const creds = await loginAs(h, 'owner');
    const touches = countTouches(h);
    try {
      for (let i = 0; i < 50; i++) {
        h.clock.advance(1000);
        assert.equal((await session(creds.cookie)).statusCode, 200);
      }
      // 50 requests over 50 s of clock: no write yet, then one once a minute has passed.
      assert.equal(touches.count(), 0);
      h.clock.advance(TOUCH_INTERVAL_MS);
      await session(creds.cookie);
      await session(creds.cookie);
    } finally {
      touches.restore();
    }
    assert.equal(touches.count(), 1);
  });

  it('refresh with the auth token issues a new session and CSRF token', async () => {
    const creds = await loginAs(h, 'owner');
    h.clock.advance(h.config.sessionIdleMs + 1);
    assert.equal((await session(creds.cookie)).statusCode, 401);
    const res = await refresh(creds.cookie);
    assert.equal(res.statusCode, 200);
    const cookies = setCookies(res);
    assert.ok(cookies.session_cookie && cookies.session_cookie !== creds.cookies.session_cookie);
    assert.ok(cookies.auth_token && cookies.auth_token !== creds.cookies.auth_token);
    assert.notEqual(res.json().data.csrf_token, creds.csrf);
    assert.equal(res.headers['x-csrf-token'], res.json().data.csrf_token);
    const renewed = credentialsFrom(cookies, res.json().data.csrf_token);
    assert.equal((await session(renewed.cookie)).statusCode, 200);
  });

  it('a reused auth token after the grace window revokes every session of that login', async () => {
    const creds = await loginAs(h, 'owner');
    const first = await refresh(creds.cookie);
    assert.equal(first.statusCode, 200);
    const renewed = credentialsFrom(setCookies(first), first.json().data.csrf_token);
    h.clock.advance(h.config.refreshGraceMs + 1000);
    const replay = await refresh(creds.cookie);
    assert.equal(replay.statusCode, 401);
    assert.deepEqual(replay.json(), UNAUTHORIZED);
    assert.equal((await session(renewed.cookie)).statusCode, 401, 'the renewed session is gone');
    assert.equal((await refresh(renewed.cookie)).statusCode, 401, 'and so is its auth token');
  });

  it('a concurrent refresh inside the grace window gets the same new session', async () => {
    const creds = await loginAs(h, 'owner');
    const [a, b] = await Promise.all([refresh(creds.cookie), refresh(creds.cookie)]);
    assert.equal(a.statusCode, 200);
    assert.equal(b.statusCode, 200);
    assert.equal(setCookies(a).session_cookie, setCookies(b).session_cookie);
    h.clock.advance(1000);
    const late = await refresh(creds.cookie);
    assert.equal(late.statusCode, 200);
    assert.equal(setCookies(late).session_cookie, setCookies(a).session_cookie);
    const renewed = credentialsFrom(setCookies(a), a.json().data.csrf_token);
    assert.equal((await session(renewed.cookie)).statusCode, 200);
  });

  it('an auth token expires', async () => {
    const creds = await loginAs(h, 'owner');
    h.clock.advance(h.config.authTokenLifetimeMs + 1);
    assert.equal((await refresh(creds.cookie)).statusCode, 401);
  });

  it('logout ends the session, revokes its auth token and clears the cookies', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({ method: 'POST', url: '/logout', headers: creds.headers });
    assert.equal(res.statusCode, 200);
    const cleared = res.cookies.filter((c) => c.value === '' || (c.maxAge ?? 1) <= 0 || c.expires);
    assert.deepEqual(cleared.map((c) => c.name).sort(), [
      'XSRF-TOKEN',
      'auth_token',
      'session_cookie',
    ]);
    assert.equal((await session(creds.cookie)).statusCode, 401);
    assert.equal((await refresh(creds.cookie)).statusCode, 401);
  });

  it('logout after idle expiry still revokes the auth token', async () => {
    const creds = await loginAs(h, 'owner');
    h.clock.advance(h.config.sessionIdleMs + 1);
    const res = await h.studio.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie: creds.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await refresh(creds.cookie)).statusCode, 401);
  });

  it('a user lists their sessions, revokes one, and revokes all others', async () => {
    const a = await loginAs(h, 'assistant');
    const b = await loginAs(h, 'assistant');
    const c = await loginAs(h, 'assistant');
    const list = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/auth/sessions',
      headers: { cookie: a.cookie },
    });
    const sessions = list.json().data as Array<{ id: string; current: boolean }>;
    assert.ok(sessions.length >= 3);
    assert.equal(sessions.filter((s) => s.current).length, 1);
    const bId = (await session(b.cookie)).json().data.session.id;
    const revoke = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${bId}`,
      headers: a.headers,
    });
    assert.equal(revoke.statusCode, 204);
    assert.equal((await session(b.cookie)).statusCode, 401);
    const others = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke_others',
      headers: a.headers,
    });
    assert.ok(others.json().data.revoked >= 1);
    assert.equal((await session(c.cookie)).statusCode, 401);
    assert.equal((await session(a.cookie)).statusCode, 200);
  });

  it("a user cannot revoke another user's session", async () => {
    const mine = await loginAs(h, 'owner');
    const theirs = await loginAs(h, 'assistant');
    const theirId = (await session(theirs.cookie)).json().data.session.id;
    const res = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${theirId}`,
      headers: mine.headers,
    });
    assert.equal(res.statusCode, 404);
    assert.equal((await session(theirs.cookie)).statusCode, 200);
  });
});

describe('session touches under concurrency', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('concurrent requests due for a touch share one write', async () => {
    const creds = await loginAs(h, 'owner');
    const touches = countTouches(h);
    try {
      h.clock.advance(TOUCH_INTERVAL_MS);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          h.studio.inject({
            method: 'GET',
            url: '/api/v1/session',
            headers: { cookie: creds.cookie },
          }),
        ),
      );
      assert.ok(responses.every((r) => r.statusCode === 200));
    } finally {
      touches.restore();
    }
    assert.equal(touches.count(), 1);
  });
});
