import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PATHS } from '@proofsheet/protocol';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

// `/api/v1/sessions` is where the reference docs put booked photo sessions: the sign-ins live
// under `/api/v1/auth/sessions`, and the old path must not reach them any more.
describe('the sign-in sessions path', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  for (const api of ['studio', 'gallery'] as const) {
    const role = api === 'studio' ? 'owner' : 'gallery_client';

    it(`${api}: the sign-ins are listed at ${PATHS.authSessions}`, async () => {
      const creds = await loginAs(h, role);
      const res = await h[api].inject({
        method: 'GET',
        url: PATHS.authSessions,
        headers: { cookie: creds.cookie },
      });
      assert.equal(res.statusCode, 200);
      const sessions = res.json().data as Array<{ id: string; current: boolean }>;
      assert.equal(sessions.filter((s) => s.current).length, 1);
    });

    it(`${api}: GET /api/v1/sessions is a 404, not the sign-in list`, async () => {
      const creds = await loginAs(h, role);
      const res = await h[api].inject({
        method: 'GET',
        url: '/api/v1/sessions',
        headers: { cookie: creds.cookie },
      });
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), {
        error: 'Not Found',
        message: 'No route for GET /api/v1/sessions',
        code: 'not_found',
      });
    });

    it(`${api}: the old revoke paths are 404s and end no session`, async () => {
      const mine = await loginAs(h, role);
      const other = await loginAs(h, role);
      const otherId = (
        await h[api].inject({
          method: 'GET',
          url: PATHS.session,
          headers: { cookie: other.cookie },
        })
      ).json().data.session.id as string;

      const revokeOne = await h[api].inject({
        method: 'DELETE',
        url: `/api/v1/sessions/${otherId}`,
        headers: mine.headers,
      });
      assert.equal(revokeOne.statusCode, 404);
      const revokeOthers = await h[api].inject({
        method: 'POST',
        url: '/api/v1/sessions/revoke_others',
        headers: mine.headers,
      });
      assert.equal(revokeOthers.statusCode, 404);

      const still = await h[api].inject({
        method: 'GET',
        url: PATHS.session,
        headers: { cookie: other.cookie },
      });
      assert.equal(still.statusCode, 200);
    });
  }
});
