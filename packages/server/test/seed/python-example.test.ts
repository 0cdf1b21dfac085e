import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PASSWORD } from '../helpers/harness.js';
import { type Listening, listenHarness } from '../helpers/listen.js';
import { clientRecord } from '../helpers/resources.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../test/fixtures/seed_example.py', import.meta.url));

async function pythonHasRequests(): Promise<string | null> {
  try {
    await run('python3', ['-c', 'import requests']);
    return null;
  } catch {
    return 'python3 with the requests module is not installed (apt-get install python3-requests)';
  }
}

describe("the seed's Python requests example", async () => {
  const missing = await pythonHasRequests();
  // In CI a missing interpreter is a failure, not a skip: the example is part of the contract.
  const skip = missing !== null && process.env.CI !== 'true' ? missing : false;
  let h: Listening;
  before(async () => {
    h = await listenHarness();
    await h.storage.clients.create(
      clientRecord(h, { email: 'jo@example.com', firstName: 'Jo', lastName: 'Example' }),
    );
  });
  after(() => h.close());

  it('runs unchanged but for base URL and credentials', { skip }, async () => {
    const { stdout } = await run('python3', [script], {
      env: {
        ...process.env,
        STUDIO_URL: h.studioUrl,
        GALLERY_URL: h.galleryUrl,
        EMAIL: h.users.owner.email,
        PASSWORD,
      },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
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
