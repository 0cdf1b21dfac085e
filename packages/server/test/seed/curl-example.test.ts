import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD } from '../helpers/harness.js';
import { formLogin, type Listening, listenHarness } from '../helpers/listen.js';
import { clientRecord } from '../helpers/resources.js';
import { fixture, runTool, TOOLS, toolsSkip } from '../helpers/tools.js';

describe("the seed's cURL examples", async () => {
  const skip = await toolsSkip(TOOLS.curl);
  let h: Listening;
  before(async () => {
    h = await listenHarness();
    await h.storage.clients.create(clientRecord(h, { firstName: 'Jo', lastName: 'Example' }));
  });
  after(() => h.close());

  it('run unchanged but for base URLs and the cookie from a login', { skip }, async () => {
    const signedIn = await formLogin(h.studioUrl, h.users.owner.email, PASSWORD);
    const session = signedIn.cookies.session_cookie ?? '';
    const stdout = await runTool('sh', [fixture('seed_example_curl.sh')], {
      STUDIO_URL: h.studioUrl,
      GALLERY_URL: h.galleryUrl,
      SESSION_VALUE: session,
      CSRF_TOKEN: signedIn.csrf,
      SESSION_COOKIE: `session_cookie=${session}`,
    });
    const [clients, studio, gallery] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // "A successful authentication returns data": a 401 would answer {"error", "message"}.
    assert.deepEqual((clients as { meta?: { total?: number } }).meta?.total, 1, stdout);
    assert.ok(Array.isArray(studio?.data), stdout);
    assert.ok((gallery as { data?: { account?: unknown } }).data?.account, stdout);
  });
});
