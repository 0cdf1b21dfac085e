import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';

/** The scripts the pages name in `<script src>`: one per page with a script. */
const PAGE_SCRIPTS = [
  'clients',
  'notifications',
  'account',
  'collections',
  'collection',
  'gallery',
  'settings',
  'visit',
  'passkey-sign-in',
];

/** The specifiers of a module's static `import … from` and `export … from` statements. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? '',
  );
}

describe('the scripts served to the pages', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  async function get(path: string) {
    return h.studio.inject({ method: 'GET', url: path });
  }

  it('every import of every page script resolves to a served script, with no import map', async () => {
    const seen = new Set<string>();
    const queue = PAGE_SCRIPTS.map((p) => new URL(`/assets/${p}.js`, 'http://x').pathname);
    while (queue.length > 0) {
      const path = queue.shift() ?? '';
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await get(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8', path);
      for (const specifier of importsOf(res.body)) {
        // A bare specifier (`@proofsheet/client`) would need an import map: CSP has no room.
        assert.match(specifier, /^\.\.?\//, `${path} imports ${specifier}`);
        queue.push(new URL(specifier, `http://x${path}`).pathname);
      }
    }
    // The client's functions came along: the error codes and Retry-After rules are its own.
    assert.ok(seen.has('/assets/vendor/client/browser.js'), [...seen].join(', '));
    assert.ok(seen.has('/assets/vendor/client/retry-after.js'));
    // The placeholders are painted by the thumbhash package's own decoder, served from dist.
    assert.ok(seen.has('/assets/vendor/thumbhash/thumbhash.js'));
    // Passkeys go through @simplewebauthn/browser's own modules, served from dist too.
    assert.ok(seen.has('/assets/vendor/simplewebauthn/methods/startAuthentication.js'));
  });

  it('serves compiled JavaScript, not the TypeScript it comes from', async () => {
    const api = await get('/assets/api.js');
    assert.doesNotMatch(api.body, /import type|: Promise</);
    for (const path of [
      '/assets/api.ts',
      '/assets/tsconfig.json',
      '/assets/vendor/client/browser.d.ts',
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/API.js',
    ]) {
      assert.equal((await get(path)).statusCode, 404, path);
    }
  });

  it('serves source maps that carry their TypeScript, for the browser’s developer tools', async () => {
    const res = await get('/assets/api.js.map');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    const map = res.json() as { sources: string[]; sourcesContent?: string[] };
    assert.equal(map.sources.length, 1);
    assert.match(map.sourcesContent?.[0] ?? '', /export async function api<T/);
  });
});
