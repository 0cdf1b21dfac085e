import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD } from '../helpers/harness.js';
import { formLogin, type Listening, listenHarness, type SignedIn } from '../helpers/listen.js';
import { clientRecord } from '../helpers/resources.js';
import { fixture, lastJsonLine, runTool } from '../helpers/tools.js';

interface Answer {
  status: number;
  body: { data?: unknown; meta?: { total: number } };
}

/** Node runs the fixtures as child processes: the examples are server-side code. */
describe("the seed's JavaScript examples", () => {
  let h: Listening;
  let signedIn: SignedIn;
  before(async () => {
    h = await listenHarness();
    await h.storage.clients.create(clientRecord(h, { firstName: 'Jo', lastName: 'Example' }));
    signedIn = await formLogin(h.studioUrl, h.users.owner.email, PASSWORD);
  });
  after(() => h.close());

  it('fetch: "Include Cookies" and "Testing Authentication" run as written', async () => {
    const session = signedIn.cookies.session_cookie ?? '';
    const stdout = await runTool(process.execPath, [fixture('seed_example_fetch.mjs')], {
      STUDIO_URL: h.studioUrl,
      GALLERY_URL: h.galleryUrl,
      SESSION_VALUE: session,
      CSRF_TOKEN: signedIn.csrf,
      SESSION_COOKIE: `session_cookie=${session}`,
    });
    const result = lastJsonLine<Record<'include_cookies' | 'studio' | 'gallery', Answer>>(stdout);
    assert.equal(result.include_cookies.status, 200, stdout);
    assert.equal(result.include_cookies.body.meta?.total, 1);
    assert.equal(result.studio.status, 200, stdout);
    assert.ok(Array.isArray(result.studio.body.data));
    assert.equal(result.gallery.status, 200, stdout);
    assert.ok(result.gallery.body.data);
  });

  it('axios: the "Example Implementation" lists clients with the login\'s cookies', async () => {
    const stdout = await runTool(process.execPath, [fixture('seed_example_axios.cjs')], {
      STUDIO_URL: h.studioUrl,
      SESSION_COOKIES: Object.entries(signedIn.cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      CSRF_TOKEN: signedIn.csrf,
    });
    const clients = lastJsonLine<{ data: Array<{ id: string; first_name: string }> }>(stdout);
    assert.equal(clients.data.length, 1, stdout);
    assert.match(clients.data[0]?.id ?? '', /^cl_[A-Za-z0-9]{30}$/);
    assert.equal(clients.data[0]?.first_name, 'Jo');
    assert.doesNotMatch(stdout, /Re-authenticating/);
  });
});
