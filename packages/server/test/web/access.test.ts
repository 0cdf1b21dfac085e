import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserSkip, signIn, type WebHarness, webHarness } from '../helpers/browser.js';

describe('cookies and roles in a browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  it('keeps the session and auth token HttpOnly, the CSRF cookie readable, all Lax on /', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    const cookies = await context.cookies(h.studioUrl);
    const byName = new Map(cookies.map((c) => [c.name, c]));
    assert.deepEqual([...byName.keys()].sort(), ['XSRF-TOKEN', 'auth_token', 'session_cookie']);
    for (const c of cookies) {
      assert.equal(c.sameSite, 'Lax', c.name);
      assert.equal(c.path, '/', c.name);
      assert.equal(c.httpOnly, c.name !== 'XSRF-TOKEN', c.name);
    }
    // What a script on the page sees: only the CSRF token, which equals the meta tag's.
    const visible = (await page.evaluate('document.cookie')) as string;
    assert.doesNotMatch(visible, /session_cookie|auth_token/);
    const meta = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    assert.equal(visible, `XSRF-TOKEN=${meta}`);
    await context.close();
  });

  it('shows a gallery client "no access" on Studio pages, and the API refuses the data', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.studioUrl}/app/clients`);
    await page.getByLabel('Email').fill(h.users.gallery_client.email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/app/clients'),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    assert.equal(response.status(), 403);
    await page.getByRole('heading', { name: 'No access', level: 1 }).waitFor();
    assert.equal(await page.locator('#client-rows').count(), 0);
    for (const path of ['/app/notifications', '/app/account']) {
      const res = await page.goto(`${h.studioUrl}${path}`);
      assert.equal(res?.status(), 403, path);
    }
    const api = (await page.evaluate(`Promise.all(['/api/v1/clients/', '/api/v1/notifications/all']
      .map((p) => fetch(p, { credentials: 'include' }).then((r) => r.status)))`)) as number[];
    assert.deepEqual(api, [403, 403]);
    // Signing out still works from the "no access" page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await context.close();
  });
});
