import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { MAIN, startServer } from '../helpers/server-process.js';

const run = promisify(execFile);

async function login(base: string, email: string, password: string) {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { data?: { csrf_token: string } };
  return { status: res.status, cookie, csrf: body.data?.csrf_token ?? '' };
}

describe('proofsheet-server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'proofsheet-main-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('--help lists the variables scripts rely on', async () => {
    const { stdout } = await run(process.execPath, [MAIN, '--help']);
    for (const name of [
      'PROOFSHEET_HOST',
      'PROOFSHEET_STUDIO_PORT',
      'PROOFSHEET_GALLERY_PORT',
      'PROOFSHEET_DATA_DIR',
      'PROOFSHEET_DEMO_PASSWORD',
    ]) {
      assert.ok(stdout.includes(name), name);
    }
  });

  it('refuses a bad configuration with a message saying how to fix it', async () => {
    await assert.rejects(
      run(process.execPath, [MAIN], { env: { ...process.env, PROOFSHEET_STUDIO_PORT: 'abc' } }),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 2);
        assert.match(error.stderr ?? '', /PROOFSHEET_STUDIO_PORT must be a whole number/);
        return true;
      },
    );
  });

  it('starts with demo data on an empty database, keeps data across a restart', async () => {
    const env = { PROOFSHEET_DATA_DIR: dataDir, PROOFSHEET_DEMO_PASSWORD: 'demo-password-1' };
    const first = await startServer(env);
    let clientId = '';
    try {
      assert.match(first.output(), /owner\s+owner@demo\.proofsheet\.test/);
      assert.match(first.output(), /demo-password-1/);
      const owner = await login(first.studioUrl, 'owner@demo.proofsheet.test', 'demo-password-1');
      assert.equal(owner.status, 200);
      const list = await fetch(`${first.studioUrl}/api/v1/clients/`, {
        headers: { cookie: owner.cookie },
      });
      const page = (await list.json()) as { meta: { total: number } };
      assert.ok(page.meta.total >= 24, `a few dozen demo clients (got ${page.meta.total})`);
      const created = await fetch(`${first.studioUrl}/api/v1/clients/`, {
        method: 'POST',
        headers: {
          cookie: owner.cookie,
          'x-csrf-token': owner.csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ first_name: 'Persisted' }),
      });
      assert.equal(created.status, 201);
      clientId = ((await created.json()) as { data: { id: string } }).data.id;
      const gallery = await login(
        first.galleryUrl,
        'client@demo.proofsheet.test',
        'demo-password-1',
      );
      assert.equal(gallery.status, 200);
    } finally {
      assert.equal(await first.stop(), 0, 'SIGTERM shuts down cleanly');
    }
    assert.equal(statSync(join(dataDir, 'proofsheet.db')).isFile(), true);

    const second = await startServer({ PROOFSHEET_DATA_DIR: dataDir });
    try {
      assert.doesNotMatch(second.output(), /Demo accounts/, 'no second demo studio');
      const owner = await login(second.studioUrl, 'owner@demo.proofsheet.test', 'demo-password-1');
      assert.equal(owner.status, 200);
      const res = await fetch(`${second.studioUrl}/api/v1/clients/${clientId}`, {
        headers: { cookie: owner.cookie },
      });
      assert.equal(res.status, 200);
    } finally {
      await second.stop();
    }
  });

  it('create-user reads the password from stdin, never from argv', async () => {
    const child = spawn(
      process.execPath,
      [MAIN, 'create-user', '--email', 'new.assistant@example.com', '--role', 'assistant'],
      {
        env: { ...process.env, PROOFSHEET_DATA_DIR: dataDir },
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stdin.end('a long enough password\n');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 0, out);
    assert.match(out, /Created assistant new\.assistant@example\.com/);

    const server = await startServer({ PROOFSHEET_DATA_DIR: dataDir });
    try {
      const res = await login(
        server.studioUrl,
        'new.assistant@example.com',
        'a long enough password',
      );
      assert.equal(res.status, 200);
    } finally {
      await server.stop();
    }
  });

  it('create-user refuses an unknown role with usage exit code 2', async () => {
    await assert.rejects(
      run(process.execPath, [MAIN, 'create-user', '--email', 'x@example.com', '--role', 'admin'], {
        env: { ...process.env, PROOFSHEET_DATA_DIR: dataDir },
      }),
      (error: { code?: number; stderr?: string }) =>
        error.code === 2 && /--role must be/.test(error.stderr ?? ''),
    );
  });
});
