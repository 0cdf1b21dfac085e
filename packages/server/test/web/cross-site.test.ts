import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { browserSkip, signIn, type WebHarness, webHarness } from '../helpers/browser.js';

/** The page an attacker hosts: forms and fetches aimed at the Studio API, fired on load. */
function attackerPage(target: string): string {
  return `<!doctype html><html><body>
<iframe name="f1"></iframe><iframe name="f2"></iframe><iframe name="f3"></iframe>
<form id="create" method="post" action="${target}/api/v1/clients/" enctype="text/plain" target="f1">
<input name='{"first_name":"Mallory","x":"' value='"}'></form>
<form id="revoke" method="post" action="${target}/api/v1/auth/sessions/revoke_others" target="f2"></form>
<form id="logout" method="post" action="${target}/logout" target="f3"></form>
<script>
const results = {};
async function attempt(name, run) {
  try { const r = await run(); results[name] = r.type === 'opaque' ? 'opaque' : r.status; }
  catch (e) { results[name] = 'blocked'; }
}
(async () => {
  document.getElementById('create').submit();
  document.getElementById('revoke').submit();
  document.getElementById('logout').submit();
  await attempt('no-cors', () => fetch('${target}/api/v1/clients/', { method: 'POST', mode: 'no-cors',
    credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{"first_name":"Eve"}' }));
  await attempt('json', () => fetch('${target}/api/v1/clients/', { method: 'POST',
    credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{"first_name":"Eve"}' }));
  await attempt('read-token', () => fetch('${target}/api/v1/csrf-token', { credentials: 'include' }));
  await new Promise((r) => setTimeout(r, 500));
  window.attackResults = results;
})();
</script></body></html>`;
}

describe('a page on another origin', { skip: browserSkip }, () => {
  let h: WebHarness;
  let attacker: Server;
  let attackerPort: number;

  before(async () => {
    h = await webHarness();
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackerPage(h.studioUrl));
    });
    // Every interface: Chromium may reach "localhost" over IPv6.
    await new Promise<void>((resolve) => attacker.listen(0, resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise((resolve) => attacker?.close(resolve));
    await h?.close();
  });

  // 127.0.0.1 on another port is same-site (cookies ride along) but cross-origin: the Origin
  // check and the CSRF token refuse it. localhost is cross-site: SameSite=Lax keeps the cookies.
  for (const host of ['127.0.0.1', 'localhost']) {
    it(`cannot change state with the victim's session (attacker on ${host})`, async () => {
      const victim = await h.newContext();
      const page = await victim.newPage();
      await signIn(page, h.studioUrl, h.users.owner.email);
      const other = await h.newContext();
      await signIn(await other.newPage(), h.studioUrl, h.users.owner.email);
      const sessionsBefore = await h.storage.sessions.listForUser(h.users.owner.id);
      const count = async () =>
        (await h.storage.clients.list({ accountId: h.accountId, types: null, offset: 0, limit: 1 }))
          .total;
      const clientsBefore = await count();

      const statuses: Array<[string, string, number]> = [];
      page.on('response', (r) => {
        if (r.url().startsWith(h.studioUrl)) {
          statuses.push([r.request().method(), new URL(r.url()).pathname, r.status()]);
        }
      });
      await page.goto(`http://${host}:${attackerPort}/`);
      await page.waitForFunction('window.attackResults !== undefined');
      const results = (await page.evaluate('window.attackResults')) as Record<string, unknown>;

      // Every unsafe request that reached the server was refused.
      const unsafe = statuses.filter(([method]) => method === 'POST');
      assert.ok(unsafe.length >= 3, `the forms reached the server: ${JSON.stringify(statuses)}`);
      for (const [method, path, status] of unsafe) {
        assert.ok(status === 403 || status === 401, `${method} ${path} answered ${status}`);
      }
      // The JSON fetch needs a preflight, which CORS refuses; the token cannot be read.
      assert.equal(results.json, 'blocked');
      assert.equal(results['read-token'], 'blocked');

      // Nothing changed: no client, every session still there, the victim still signed in.
      assert.equal(await count(), clientsBefore);
      const sessionsAfter = await h.storage.sessions.listForUser(h.users.owner.id);
      assert.deepEqual(
        sessionsAfter.map((s) => s.id).sort(),
        sessionsBefore.map((s) => s.id).sort(),
      );
      const back = await page.goto(`${h.studioUrl}/app/clients`);
      assert.equal(back?.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/app/clients');
      await Promise.all([victim.close(), other.close()]);
    });
  }
});
