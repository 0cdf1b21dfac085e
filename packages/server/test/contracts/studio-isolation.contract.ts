import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type { OutboxRecord } from '../../src/storage/ports/outbox-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

/**
 * One studio never reads or changes another's rows through the stores whose own contracts do
 * not say so already: collection defaults, watermark settings and switches, who opened a
 * collection, and the outbox. Each call is made with the other studio's account ID and this
 * studio's row IDs, as a route with a wrong scope would make it.
 */
export function describeStudioIsolation(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`studio isolation in the small stores on ${name}`, {
    skip: options.skip ?? false,
  }, () => {
    let storage: Storage;
    let a: Awaited<ReturnType<typeof seedAccount>>;
    let b: Awaited<ReturnType<typeof seedAccount>>;
    let nextCollection = 30_000_000;

    async function collectionOf(accountId: string): Promise<number> {
      const id = ++nextCollection;
      await storage.collections.create({
        id,
        accountId,
        name: `Collection ${id}`,
        description: null,
        passwordProtected: false,
        passwordHash: null,
        downloadable: true,
        expiryDate: null,
        sharedWith: [],
        createdAt: at(0),
        updatedAt: at(0),
      });
      return id;
    }

    before(async () => {
      storage = await makeStorage();
      a = await seedAccount(storage, 'isolation-a');
      b = await seedAccount(storage, 'isolation-b');
    });
    after(() => storage?.close());

    test('collection defaults are per studio', async () => {
      await storage.collectionDefaults.save({
        accountId: a.accountId,
        downloadable: false,
        expiryDays: 30,
        watermark: true,
        updatedAt: at(1),
      });
      assert.equal(await storage.collectionDefaults.find(b.accountId), null);
      await storage.collectionDefaults.save({
        accountId: b.accountId,
        downloadable: true,
        expiryDays: null,
        watermark: false,
        updatedAt: at(2),
      });
      assert.deepEqual(await storage.collectionDefaults.find(a.accountId), {
        accountId: a.accountId,
        downloadable: false,
        expiryDays: 30,
        watermark: true,
        updatedAt: at(1),
      });
    });

    test("watermark settings are per studio, and a collection's switch answers only its own", async () => {
      const mark = {
        kind: 'text' as const,
        text: 'A Studio',
        logoSha256: null,
        opacity: 40,
        scale: 25,
        position: 'center' as const,
        updatedAt: at(3),
      };
      await storage.watermarks.save({ accountId: a.accountId, ...mark });
      assert.equal(await storage.watermarks.find(b.accountId), null);
      await storage.watermarks.save({ accountId: b.accountId, ...mark, text: 'B Studio' });
      assert.equal((await storage.watermarks.find(a.accountId))?.text, 'A Studio');

      const mine = await collectionOf(a.accountId);
      await storage.watermarks.setEnabled(a.accountId, mine, true);
      assert.equal(await storage.watermarks.isEnabled(b.accountId, mine), false);
      // Another studio switching it off with this collection's ID changes nothing here.
      await storage.watermarks.setEnabled(b.accountId, mine, false);
      assert.equal(await storage.watermarks.isEnabled(a.accountId, mine), true);
    });

    test("who opened a collection is listed to its studio only; another's records miss it", async () => {
      const mine = await collectionOf(a.accountId);
      await storage.collections.update(a.accountId, mine, {
        updatedAt: at(4),
        sharedWith: [a.users.gallery_client.id],
      });
      await storage.collectionAccess.recordAccess(
        a.accountId,
        mine,
        a.users.gallery_client.id,
        at(5),
      );
      // A record made in another studio's name, with this collection's ID.
      await storage.collectionAccess.recordAccess(
        b.accountId,
        mine,
        a.users.gallery_client.id,
        at(9),
      );
      assert.deepEqual(
        await storage.collectionAccess.peopleWithAccess(b.accountId, mine, at(10)),
        [],
      );
      const people = await storage.collectionAccess.peopleWithAccess(a.accountId, mine, at(10));
      assert.deepEqual(
        people.map((p) => [p.id, p.lastAccessedAt]),
        [[a.users.gallery_client.id, at(5)]],
      );
    });

    test("the outbox lists a studio's messages to its owners only", async () => {
      const message = (accountId: string, to: string): OutboxRecord => ({
        id: newId('message', bytes),
        accountId,
        kind: 'invitation',
        to,
        from: 'Proofsheet <no-reply@localhost>',
        subject: 'Hello',
        text: 'Hello',
        html: '<p>Hello</p>',
        status: 'queued',
        transport: 'outbox',
        attempts: 0,
        lastError: null,
        createdAt: at(6),
        updatedAt: at(6),
        sentAt: null,
      });
      const mine = message(a.accountId, 'someone@a.example.com');
      await storage.outbox.create(mine);
      await storage.outbox.create(message(b.accountId, 'someone@b.example.com'));
      const theirs = await storage.outbox.list(b.accountId, { offset: 0, limit: 100 });
      assert.ok(!theirs.items.some((m) => m.id === mine.id));
      assert.ok(theirs.items.every((m) => m.accountId === b.accountId));
      const ours = await storage.outbox.list(a.accountId, { offset: 0, limit: 100 });
      assert.deepEqual(
        ours.items.map((m) => m.to),
        ['someone@a.example.com'],
      );
    });
  });
}
