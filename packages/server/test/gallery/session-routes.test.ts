import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PATHS } from '@proofsheet/protocol';
import { createHarness, type Harness, loginAs, PASSWORD } from '../helpers/harness.js';

// The session routes are registered on both APIs; the Studio's are tested at length
// (auth/session-lifecycle.test.ts, auth/password-change.test.ts). These check that the
// Gallery API answers each of them the same way, for a gallery client.
describe('the Gallery API answers the session routes and probes too', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('the probes answer without a session', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await h.gallery.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.json().status, url === '/healthz' ? 'ok' : 'ready');
    }
  });

  it('a gallery client reads the CSRF token again, and refreshes with the auth token', async () => {
    const creds = await loginAs(h, 'gallery_client');
    const token = await h.gallery.inject({
      method: 'GET',
      url: PATHS.csrfToken,
      headers: { cookie: creds.cookie },
    });
    assert.equal(token.statusCode, 200);
    assert.equal(token.json().data.csrf_token, creds.csrf);

    const refreshed = await h.gallery.inject({
      method: 'POST',
      url: PATHS.sessionRefresh,
      headers: { cookie: `auth_token=${creds.cookies.auth_token}` },
    });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(refreshed.json().data.user.role, 'gallery_client');
  });

  it('ends one other sign-in, then the rest, then changes the password', async () => {
    const mine = await loginAs(h, 'gallery_client');
    const other = await loginAs(h, 'gallery_client');
    await loginAs(h, 'gallery_client');
    const otherId = (
      await h.gallery.inject({
        method: 'GET',
        url: PATHS.session,
        headers: { cookie: other.cookie },
      })
    ).json().data.session.id as string;

    const revoke = await h.gallery.inject({
      method: 'DELETE',
      url: `${PATHS.authSessions}/${otherId}`,
      headers: mine.headers,
    });
    assert.equal(revoke.statusCode, 204);
    const gone = await h.gallery.inject({
      method: 'GET',
      url: PATHS.session,
      headers: { cookie: other.cookie },
    });
    assert.equal(gone.statusCode, 401);

    const others = await h.gallery.inject({
      method: 'POST',
      url: PATHS.authSessionsRevokeOthers,
      headers: mine.headers,
    });
    assert.equal(others.statusCode, 200);
    assert.ok(others.json().data.revoked >= 1);

    const changed = await h.gallery.inject({
      method: 'PUT',
      url: PATHS.password,
      headers: mine.headers,
      payload: { current_password: PASSWORD, new_password: 'a new passphrase for the gallery' },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().data.revoked_sessions, 0);
  });
});
