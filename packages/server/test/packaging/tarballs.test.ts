/**
 * Packages that install: each package is packed as `npm publish` would pack it, the tarballs
 * are installed together into a scratch project (how, and why offline: `scratch-install.ts`),
 * and there `npx proofsheet-server --help`, `npx proofsheet --help` and a script that signs in
 * to `createTestStudio()` through `@proofsheet/client` run. 6 to 17 s on two shared cores,
 * depending on their load: packing 2-4 s, installing 2-4 s, the three programs the rest.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  installTarballs,
  type Manifest,
  manifestOf,
  PACKAGES,
  type PackageDir,
  type PackResult,
  packAll,
  REPO,
  run,
} from './scratch-install.js';

/** What a tarball may hold: what runs, and what npm and the law want beside it. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^bin\/[^/]+\.c?js$/,
  /^dist\/src\/.+\.(js|d\.ts)$/,
];
/** The pages' scripts, which the server reads from its package at start-up (`web/static-assets.ts`). */
const SERVER_ASSETS = /^src\/web\/assets\/[a-z-]+\.js$/;

/** The paths a manifest points to (`main`, `types`, `bin`, `exports`), without `./`. */
function entryPoints(manifest: Manifest): string[] {
  const exports = Object.values(manifest.exports ?? {}).flatMap((e) =>
    typeof e === 'string' ? [e] : Object.values(e),
  );
  return [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {}), ...exports]
    .filter((p): p is string => p !== undefined)
    .map((p) => p.replace(/^\.\//, ''));
}

/** Signs in through the installed client to the installed server's test studio. */
const SIGN_IN_SCRIPT = `
import { createTestStudio, TEST_PASSWORD } from '@proofsheet/server';
import { createClient } from '@proofsheet/client';

const studio = await createTestStudio();
try {
  const client = createClient(await studio.listen());
  await client.login(studio.users.owner.email, TEST_PASSWORD);
  const session = await client.session('studio');
  const page = await client.studio.clients.list();
  console.log(JSON.stringify({
    role: session.role,
    clients: Array.isArray(page.data),
    server: import.meta.resolve('@proofsheet/server'),
    client: import.meta.resolve('@proofsheet/client'),
  }));
} finally {
  await studio.close();
}
`;

describe('packages that install', { timeout: 180_000 }, () => {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'proofsheet-install-')));
  const project = join(scratch, 'project');
  const packed = new Map<PackageDir, PackResult>();
  const took = { packMs: 0, installMs: 0 };
  after(() => rmSync(scratch, { recursive: true, force: true }));

  before(async () => {
    const tarballs = join(scratch, 'tarballs');
    mkdirSync(tarballs);
    mkdirSync(project);
    const started = performance.now();
    const results = await packAll(tarballs);
    took.packMs = performance.now() - started;
    for (const dir of PACKAGES) {
      const result = results.find((r) => r.name === manifestOf(dir).name);
      assert.ok(result, `npm pack did not pack packages/${dir}`);
      packed.set(dir, result);
    }
    await installTarballs(
      project,
      [...packed.values()].map((r) => join(tarballs, r.filename)),
    );
    took.installMs = performance.now() - started - took.packMs;
  });

  function filesOf(dir: PackageDir): string[] {
    const result = packed.get(dir);
    assert.ok(result, `packages/${dir} was not packed`);
    return result.files.map((f) => f.path);
  }

  it('each tarball holds only compiled JavaScript, types, bin, README, LICENSE and package.json', () => {
    for (const dir of PACKAGES) {
      const extra = filesOf(dir).filter(
        (f) => !ALLOWED.some((r) => r.test(f)) && !(dir === 'server' && SERVER_ASSETS.test(f)),
      );
      assert.deepEqual(extra, [], `packages/${dir} would ship files that do not run`);
    }
  });

  it('no compiled file ships without its source (stale output of a deleted file)', () => {
    for (const dir of PACKAGES) {
      const stale = filesOf(dir)
        .filter((f) => f.startsWith('dist/src/'))
        .filter((f) => {
          const source = f.replace(/^dist\//, '').replace(/\.d\.ts$|\.js$/, '.ts');
          // The pages' copy of the client's browser-safe modules is built from the client.
          const vendored = /^src\/web\/assets\/vendor\/client\/(.+)$/.exec(source);
          if (vendored)
            return !existsSync(join(REPO, 'packages', 'client', 'src', vendored[1] ?? ''));
          // And the thumbhash package's decoder, compiled from its JavaScript.
          if (source === 'src/web/assets/vendor/thumbhash/thumbhash.ts')
            return !existsSync(join(REPO, 'node_modules', 'thumbhash', 'thumbhash.js'));
          // And @simplewebauthn/browser's modules, copied from its JavaScript.
          const webauthn = /^src\/web\/assets\/vendor\/simplewebauthn\/(.+)\.ts$/.exec(source);
          if (webauthn) {
            const module = `${webauthn[1] ?? ''}.js`;
            return !existsSync(
              join(REPO, 'node_modules', '@simplewebauthn', 'browser', 'esm', module),
            );
          }
          return !existsSync(join(REPO, 'packages', dir, source));
        });
      assert.deepEqual(stale, [], `packages/${dir}: rebuild from clean (rm -r dist; tsc -b)`);
    }
  });

  it('each tarball has its README, the MIT LICENSE and every file its manifest points to', () => {
    const license = readFileSync(join(REPO, 'LICENSE'), 'utf8');
    assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 The Proofsheet authors\n/);
    for (const dir of PACKAGES) {
      const files = new Set(filesOf(dir));
      const missing = ['README.md', 'LICENSE', ...entryPoints(manifestOf(dir))].filter(
        (f) => !files.has(f),
      );
      assert.deepEqual(missing, [], `packages/${dir}`);
      const packaged = readFileSync(join(REPO, 'packages', dir, 'LICENSE'), 'utf8');
      assert.equal(packaged, license, `packages/${dir}/LICENSE differs from the root LICENSE`);
    }
  });

  it('the tarballs install together, each workspace dependency met by its sibling tarball', (t) => {
    t.diagnostic(
      `packed in ${Math.round(took.packMs)} ms, installed in ${Math.round(took.installMs)} ms`,
    );
    for (const dir of PACKAGES) {
      const manifest = manifestOf(dir);
      const installed = join(project, 'node_modules', manifest.name);
      const got = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Manifest;
      assert.equal(got.version, manifest.version, manifest.name);
      // A second copy would mean a range that the sibling tarball does not satisfy.
      assert.equal(existsSync(join(installed, 'node_modules', '@proofsheet')), false);
    }
  });

  it('npx proofsheet-server --help lists the configuration', async () => {
    const stdout = await run(project, 'npx', ['--no', '--offline', 'proofsheet-server', '--help']);
    assert.match(stdout, /^Usage: proofsheet-server/);
    assert.match(stdout, /PROOFSHEET_STUDIO_PORT/);
  });

  it('npx proofsheet --help lists the commands', async () => {
    const stdout = await run(project, 'npx', ['--no', '--offline', 'proofsheet', '--help']);
    assert.match(stdout, /^Usage: proofsheet /);
    assert.match(stdout, /\blogin\b/);
  });

  it('a script starts createTestStudio() and signs in through @proofsheet/client', async () => {
    const script = join(project, 'sign-in.mjs');
    writeFileSync(script, SIGN_IN_SCRIPT);
    const out = JSON.parse(await run(project, process.execPath, [script])) as Record<
      string,
      unknown
    >;
    assert.equal(out.role, 'owner');
    assert.equal(out.clients, true);
    // The installed copies, not the repository's workspace packages.
    const installed = join(project, 'node_modules', '@proofsheet');
    assert.ok(fileURLToPath(String(out.server)).startsWith(installed), String(out.server));
    assert.ok(fileURLToPath(String(out.client)).startsWith(installed), String(out.client));
  });
});
