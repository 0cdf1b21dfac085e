import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD } from '../helpers/harness.js';
import { formLogin, type Listening, listenHarness } from '../helpers/listen.js';
import { clientRecord } from '../helpers/resources.js';
import { fixture, lastJsonLine, runTool, TOOLS, toolsSkip } from '../helpers/tools.js';

interface Body {
  data?: unknown;
  meta?: { total: number };
}

describe("the seed's PHP curl examples", async () => {
  const skip = await toolsSkip(TOOLS.php);
  let h: Listening;
  before(async () => {
    h = await listenHarness();
    await h.storage.clients.create(clientRecord(h, { firstName: 'Jo', lastName: 'Example' }));
  });
  after(() => h.close());

  it('run unchanged but for base URLs and credentials', { skip }, async () => {
    const signedIn = await formLogin(h.studioUrl, h.users.owner.email, PASSWORD);
    const session = signedIn.cookies.session_cookie ?? '';
    const stdout = await runTool('php', [fixture('seed_example.php')], {
      STUDIO_URL: h.studioUrl,
      GALLERY_URL: h.galleryUrl,
      EMAIL: h.users.owner.email,
      PASSWORD,
      SESSION_VALUE: session,
      CSRF_TOKEN: signedIn.csrf,
      SESSION_COOKIE: `session_cookie=${session}`,
    });
    const result =
      lastJsonLine<Record<'clients' | 'include_cookies' | 'studio' | 'gallery', Body>>(stdout);
    // PixiesetClient: login through the cookie jar, then getClients with it.
    assert.equal(result.clients.meta?.total, 1, stdout);
    assert.doesNotMatch(stdout, /Re-authenticating/);
    // "A successful authentication returns data": a 401 would answer {"error", "message"}.
    assert.equal(result.include_cookies.meta?.total, 1, stdout);
    assert.ok(Array.isArray(result.studio.data), stdout);
    assert.ok(result.gallery.data, stdout);
  });
});
