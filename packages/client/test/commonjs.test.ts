import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

describe('CommonJS consumers', () => {
  test("require('@proofsheet/client') works from a .cjs file", async () => {
    // Inside the workspace, so that node_modules/@proofsheet/client resolves as for a user.
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const dir = await mkdtemp(join(root, 'dist', 'cjs-check-'));
    const file = join(dir, 'consumer.cjs');
    await writeFile(
      file,
      [
        "const { createClient, isHttpError, FileCookieJar } = require('@proofsheet/client');",
        "const client = createClient({ studioUrl: 'http://127.0.0.1:1', galleryUrl: 'http://127.0.0.1:2' });",
        "if (typeof client.studio.clients.list !== 'function') throw new Error('no resources');",
        "if (typeof isHttpError !== 'function' || typeof FileCookieJar !== 'function') throw new Error('missing');",
        "console.log('ok');",
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'ok');
  });
});
