import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD } from '../helpers/harness.js';
import { type Listening, listenHarness } from '../helpers/listen.js';
import { clientRecord } from '../helpers/resources.js';
import { fixture, lastJsonLine, runTool, TOOLS, toolsSkip } from '../helpers/tools.js';

describe("the seed's Python requests example", async () => {
  const skip = await toolsSkip(TOOLS.python);
  let h: Listening;
  before(async () => {
    h = await listenHarness();
    await h.storage.clients.create(
      clientRecord(h, { email: 'jo@example.com', firstName: 'Jo', lastName: 'Example' }),
    );
  });
  after(() => h.close());

  it('runs unchanged but for base URL and credentials', { skip }, async () => {
    const stdout = await runTool('python3', [fixture('seed_example.py')], {
      STUDIO_URL: h.studioUrl,
      GALLERY_URL: h.galleryUrl,
      EMAIL: h.users.owner.email,
      PASSWORD,
    });
    const result = lastJsonLine<{ first_client_id: string }>(stdout);
    assert.deepEqual(result, {
      clients_total: 1,
      first_client_id: result.first_client_id,
      include_cookies_status: 200,
      studio_status: 200,
      studio_has_data: true,
      gallery_status: 200,
      gallery_has_data: true,
    });
    assert.match(result.first_client_id, /^cl_[A-Za-z0-9]{30}$/);
  });
});
