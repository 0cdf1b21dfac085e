/**
 * `proofsheet-server outbox`: run as the operator would, on the data directory of a server
 * without SMTP, it prints the emails kept for no studio (a sign-up link, say), and only those.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { newId } from '@proofsheet/protocol';
import { NO_STUDIO } from '../../src/mail/queue-mail.js';
import type { OutboxRecord } from '../../src/storage/ports/outbox-store.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

const BIN = fileURLToPath(new URL('../../../bin/proofsheet-server.cjs', import.meta.url));

describe('outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-outbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function run(...args: string[]) {
    return spawnSync(process.execPath, [BIN, 'outbox', ...args], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        PROOFSHEET_DATA_DIR: dir,
        PROOFSHEET_LOG_LEVEL: 'silent',
      },
    });
  }

  it('prints the mail of no studio, newest first, filtered by --to; never a studio’s', async () => {
    // The data directory as a server made it: migrated by the command's first run.
    assert.equal(run().status, 0);
    const storage = await openSqliteStorage(join(dir, 'proofsheet.db'));
    const message = (accountId: string, to: string, minute: number): OutboxRecord => ({
      id: newId('message', (n) => crypto.getRandomValues(new Uint8Array(n))),
      accountId,
      kind: 'sign_up',
      to,
      from: 'Proofsheet <no-reply@localhost>',
      subject: `Finish signing up (${minute})`,
      text: `Open https://studio.example.test/signup/complete?token=t${minute} to finish.`,
      html: '<p>…</p>',
      status: 'queued',
      transport: 'outbox',
      attempts: 0,
      lastError: null,
      createdAt: new Date(Date.UTC(2026, 0, 15, 10, minute)),
      updatedAt: new Date(Date.UTC(2026, 0, 15, 10, minute)),
      sentAt: null,
    });
    try {
      await storage.outbox.create(message(NO_STUDIO, 'new@example.com', 1));
      await storage.outbox.create(message(NO_STUDIO, 'other@example.com', 2));
      await storage.outbox.create(
        message(
          newId('account', (n) => new Uint8Array(n)),
          'member@example.com',
          3,
        ),
      );
    } finally {
      await storage.close();
    }
    const all = run();
    assert.equal(all.status, 0, all.stderr);
    assert.ok(all.stdout.indexOf('other@example.com') < all.stdout.indexOf('new@example.com'));
    assert.doesNotMatch(all.stdout, /member@example\.com/, "a studio's mail is its owners'");
    const one = run('--to', 'NEW@example.com');
    assert.match(one.stdout, /signup\/complete\?token=t1/);
    assert.doesNotMatch(one.stdout, /other@example\.com/);
    assert.match(run('--to', 'nobody@example.com').stdout, /No email kept for nobody@example\.com/);
    assert.equal(run('--limit', '0').status, 2);
  });
});
