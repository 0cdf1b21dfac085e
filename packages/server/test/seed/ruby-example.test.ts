import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD } from '../helpers/harness.js';
import { type Listening, listenHarness } from '../helpers/listen.js';
import { clientRecord } from '../helpers/resources.js';
import {
  type ListeningHttps,
  listenHttps,
  selfSignedCertificate,
  type TestCertificate,
} from '../helpers/tls.js';
import { fixture, lastJsonLine, runTool, TOOLS, toolsSkip } from '../helpers/tools.js';

interface Answer {
  status: number;
  body: { data?: { account?: unknown } | unknown[] };
}

interface Result {
  cookie_names: string[];
  clients: { data: Array<{ id: string }>; meta: { total: number } };
  studio: Answer;
  gallery: Answer;
}

/** The Ruby examples hard-code `use_ssl = true`, so they talk to both APIs over HTTPS. */
describe("the seed's Ruby Net::HTTP examples", async () => {
  const skip = await toolsSkip(TOOLS.ruby, TOOLS.openssl);
  let h: Listening;
  let tls: TestCertificate | undefined;
  let https: ListeningHttps | undefined;
  before(async () => {
    h = await listenHarness();
    await h.storage.clients.create(clientRecord(h, { firstName: 'Jo', lastName: 'Example' }));
    if (skip) return;
    tls = await selfSignedCertificate();
    https = await listenHttps(h, tls);
  });
  after(async () => {
    await https?.close();
    await tls?.dispose();
    await h.close();
  });

  it('run unchanged but for base URLs and credentials', { skip }, async () => {
    assert.ok(tls && https);
    const stdout = await runTool('ruby', [fixture('seed_example.rb')], {
      STUDIO_URL: https.studioUrl,
      GALLERY_URL: https.galleryUrl,
      EMAIL: h.users.owner.email,
      PASSWORD,
      SSL_CERT_FILE: tls.certPath,
    });
    const result = lastJsonLine<Result>(stdout);
    // Behind TLS the cookies carry the __Host- prefix; the example keeps whatever it is sent.
    assert.deepEqual(result.cookie_names, [
      '__Host-XSRF-TOKEN',
      '__Host-auth_token',
      '__Host-session_cookie',
    ]);
    assert.equal(result.clients.meta.total, 1, stdout);
    assert.match(result.clients.data[0]?.id ?? '', /^cl_[A-Za-z0-9]{30}$/);
    assert.doesNotMatch(stdout, /Re-authenticating/);
    assert.equal(result.studio.status, 200, stdout);
    assert.ok(Array.isArray(result.studio.body.data));
    assert.equal(result.gallery.status, 200, stdout);
    assert.ok(result.gallery.body.data);
  });
});
