/**
 * `proofsheet-server create-studio`: run as the operator would (the built command, a data
 * directory of its own), it makes the studio and its owner and prints a one-time link with
 * which the owner sets a password, whatever `PROOFSHEET_SIGN_UP` says.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestStudio } from '../../src/testing.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

const BIN = fileURLToPath(new URL('../../../bin/proofsheet-server.cjs', import.meta.url));

describe('create-studio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-create-studio-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function run(...args: string[]) {
    return spawnSync(process.execPath, [BIN, 'create-studio', ...args], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        PROOFSHEET_DATA_DIR: dir,
        PROOFSHEET_SIGN_UP: 'closed',
        PROOFSHEET_PUBLIC_STUDIO_URL: 'https://studio.example.test',
        PROOFSHEET_LOG_LEVEL: 'silent',
      },
    });
  }

  it('makes the studio and owner and prints a link that sets the password once', async () => {
    const done = run('--name', 'Command Studio', '--email', 'operator@example.com');
    assert.equal(done.status, 0, done.stderr);
    const match = /https:\/\/studio\.example\.test\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(
      done.stdout,
    );
    assert.ok(match?.[1], done.stdout);

    const h = await createTestStudio(
      {},
      { storage: await openSqliteStorage(join(dir, 'proofsheet.db')) },
    );
    try {
      const owner = await h.storage.users.findByEmail('operator@example.com');
      assert.equal(owner?.role, 'owner');
      assert.equal(
        (await h.storage.accounts.findById(owner?.accountId ?? ''))?.name,
        'Command Studio',
      );
      const set = await h.studio.inject({
        method: 'POST',
        url: '/reset-password',
        payload: { token: match[1], password: 'the operator chose this one' },
      });
      assert.equal(set.statusCode, 200, set.body);
      const login = await h.studio.inject({
        method: 'POST',
        url: '/login',
        payload: { email: 'operator@example.com', password: 'the operator chose this one' },
      });
      assert.equal(login.statusCode, 200);
      const reused = await h.studio.inject({
        method: 'POST',
        url: '/reset-password',
        payload: { token: match[1], password: 'and then another one again' },
      });
      assert.equal(reused.statusCode, 400);
    } finally {
      await h.close();
    }
  });

  it('refuses a taken address (1) and bad arguments (2)', () => {
    assert.equal(run('--name', 'Twice', '--email', 'operator@example.com').status, 1);
    assert.equal(run('--email', 'someone@example.com').status, 2);
    assert.equal(run('--name', 'No email').status, 2);
  });
});
