import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type { OutboxRecord } from '../../src/storage/ports/outbox-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

/** The behaviour every `OutboxStore` and `PasswordResetStore` must have. */
export function describeMailStores(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`OutboxStore and PasswordResetStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let accountId: string;
    let otherAccount: string;
    let userId: string;

    function message(overrides: Partial<OutboxRecord> = {}): OutboxRecord {
      return {
        id: newId('message', bytes),
        accountId,
        kind: 'password_reset',
        to: 'assistant@example.com',
        from: 'studio@example.com',
        subject: 'Reset your password',
        text: 'Open https://studio.example.com/reset-password?token=abc',
        html: '<p>Open <a href="https://studio.example.com/reset-password?token=abc">it</a></p>',
        status: 'queued',
        transport: 'outbox',
        attempts: 0,
        lastError: null,
        createdAt: at(1000),
        updatedAt: at(1000),
        sentAt: null,
        ...overrides,
      };
    }

    /** A fresh token of the seeded assistant, made at time 0. */
    function reset(hash: string, expiresAt: number): Promise<void> {
      return storage.passwordResets.create({
        tokenHash: hash,
        userId,
        createdAt: at(0),
        expiresAt: at(expiresAt),
        usedAt: null,
      });
    }

    before(async () => {
      storage = await makeStorage();
      const a = await seedAccount(storage, 'mail-a');
      accountId = a.accountId;
      userId = a.users.assistant.id;
      otherAccount = (await seedAccount(storage, 'mail-b')).accountId;
    });
    after(() => storage?.close());

    test('a message reads back field for field; a failure is counted, then it is sent', async () => {
      const m = message();
      await storage.outbox.create(m);
      assert.deepEqual(await storage.outbox.findById(m.id), m);
      await storage.outbox.recordFailure(m.id, 'connection refused', at(2000));
      const failed = await storage.outbox.findById(m.id);
      assert.equal(failed?.attempts, 1);
      assert.equal(failed?.lastError, 'connection refused');
      assert.equal(failed?.status, 'queued');
      await storage.outbox.markSent(m.id, at(3000), { text: 'redacted', html: '<p>redacted</p>' });
      const sent = await storage.outbox.findById(m.id);
      assert.equal(sent?.status, 'sent');
      assert.equal(sent?.attempts, 2);
      assert.deepEqual(sent?.sentAt, at(3000));
      assert.equal(sent?.text, 'redacted');
      // A late failure of an attempt that raced the success changes nothing.
      await storage.outbox.recordFailure(m.id, 'late', at(4000));
      assert.equal((await storage.outbox.findById(m.id))?.lastError, 'connection refused');
    });

    test('a message given up on is failed with its reason; unknown IDs read as null', async () => {
      const m = message();
      await storage.outbox.create(m);
      await storage.outbox.markFailed(m.id, 'Gave up after 5 attempts', at(5000));
      const failed = await storage.outbox.findById(m.id);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.lastError, 'Gave up after 5 attempts');
      assert.equal(await storage.outbox.findById(newId('message', bytes)), null);
    });

    test('the list is one account’s, newest first, paged, with its total', async () => {
      const mine = [1, 2, 3].map((i) => message({ createdAt: at(10_000 + i), subject: `n${i}` }));
      for (const m of mine) await storage.outbox.create(m);
      await storage.outbox.create(message({ accountId: otherAccount, createdAt: at(20_000) }));
      const page = await storage.outbox.list(accountId, { offset: 0, limit: 2 });
      assert.deepEqual(
        page.items.map((m) => m.subject),
        ['n3', 'n2'],
      );
      const all = await storage.outbox.list(accountId, { offset: 0, limit: 100 });
      assert.ok(all.items.every((m) => m.accountId === accountId));
      assert.equal(page.total, all.items.length);
      assert.equal((await storage.outbox.list(otherAccount, { offset: 0, limit: 10 })).total, 1);
    });

    test('stranded messages are the queued ones untouched since the cutoff, oldest first', async () => {
      const old = message({ updatedAt: at(-5000), createdAt: at(-5000) });
      const older = message({ updatedAt: at(-9000), createdAt: at(-9000) });
      const fresh = message({ updatedAt: at(50_000) });
      const sent = message({ updatedAt: at(-9500), status: 'sent', sentAt: at(-9500) });
      for (const m of [old, older, fresh, sent]) await storage.outbox.create(m);
      const stranded = await storage.outbox.listStranded(at(0), 10);
      assert.deepEqual(stranded.slice(0, 2), [older.id, old.id]);
      assert.ok(!stranded.includes(fresh.id) && !stranded.includes(sent.id));
      assert.deepEqual(await storage.outbox.listStranded(at(0), 1), [older.id], 'limited');
    });

    test('a reset token is consumed once; used, expired and unknown say which', async () => {
      await reset('1'.repeat(64), 60_000);
      await reset('2'.repeat(64), 10_000);
      const both = await Promise.all([
        storage.passwordResets.consume('1'.repeat(64), at(5000)),
        storage.passwordResets.consume('1'.repeat(64), at(5000)),
      ]);
      assert.equal(both.filter((r) => r.ok).length, 1, 'one of two concurrent uses wins');
      assert.deepEqual(await storage.passwordResets.consume('1'.repeat(64), at(6000)), {
        ok: false,
        reason: 'used',
      });
      assert.deepEqual(await storage.passwordResets.consume('2'.repeat(64), at(10_000)), {
        ok: false,
        reason: 'expired',
      });
      assert.deepEqual(await storage.passwordResets.consume('3'.repeat(64), at(0)), {
        ok: false,
        reason: 'unknown',
      });
    });

    test('retiring a user’s tokens marks the unused ones; deleteExpired removes the old', async () => {
      await reset('4'.repeat(64), 100_000);
      await reset('5'.repeat(64), 200_000);
      assert.ok((await storage.passwordResets.retireForUser(userId, at(1000))) >= 2);
      assert.deepEqual((await storage.passwordResets.find('4'.repeat(64)))?.usedAt, at(1000));
      assert.ok((await storage.passwordResets.deleteExpired(at(150_000))) >= 1);
      assert.equal(await storage.passwordResets.find('4'.repeat(64)), null);
      assert.ok(await storage.passwordResets.find('5'.repeat(64)), 'not yet expired');
    });
  });
}
