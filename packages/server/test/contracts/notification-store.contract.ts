import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type {
  NotificationRecord,
  NotificationStore,
} from '../../src/storage/ports/notification-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

/** The behaviour every {@link NotificationStore} must have. */
export function describeNotificationStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`NotificationStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let store: NotificationStore;
    let accountId: string;
    let otherAccount: string;
    const made: NotificationRecord[] = [];

    before(async () => {
      storage = await makeStorage();
      store = storage.notifications;
      accountId = (await seedAccount(storage, 'notes-a')).accountId;
      otherAccount = (await seedAccount(storage, 'notes-b')).accountId;
      for (let i = 0; i < 4; i++) {
        const n: NotificationRecord = {
          id: newId('notification', bytes),
          accountId,
          type: 'client_created',
          title: `Title ${i}`,
          message: `Message ${i}`,
          subject: { client_id: `cl_${i}`, count: i },
          readAt: null,
          createdAt: at(i * 1000),
        };
        await store.create(n);
        made.push(n);
      }
      const first = made[0];
      assert.ok(first);
      await store.create({ ...first, id: newId('notification', bytes), accountId: otherAccount });
    });
    after(() => storage?.close());

    test('list is newest first, limited, with total and unread counts', async () => {
      const { items, total, unread } = await store.list(accountId, { unreadOnly: false, limit: 3 });
      assert.deepEqual(items, [...made].reverse().slice(0, 3));
      assert.equal(total, 4);
      assert.equal(unread, 4);
    });

    test('markRead sets read_at once and returns the notification', async () => {
      const target = made[1];
      assert.ok(target);
      const read = await store.markRead(accountId, target.id, at(10_000));
      assert.deepEqual(read, { ...target, readAt: at(10_000) });
      const again = await store.markRead(accountId, target.id, at(20_000));
      assert.deepEqual(again?.readAt, at(10_000));
    });

    test('unreadOnly leaves out read ones; total then counts the unread', async () => {
      const { items, total, unread } = await store.list(accountId, { unreadOnly: true, limit: 10 });
      assert.equal(items.length, 3);
      assert.ok(items.every((n) => n.readAt === null));
      assert.equal(total, 3);
      assert.equal(unread, 3);
    });

    test("markRead of an unknown or another account's notification is null", async () => {
      assert.equal(await store.markRead(accountId, newId('notification', bytes), at(0)), null);
      const target = made[2];
      assert.ok(target);
      assert.equal(await store.markRead(otherAccount, target.id, at(0)), null);
    });

    test('markAllRead marks only the unread of one account and counts them', async () => {
      assert.equal(await store.markAllRead(accountId, at(30_000)), 3);
      assert.equal(await store.markAllRead(accountId, at(40_000)), 0);
      const other = await store.list(otherAccount, { unreadOnly: true, limit: 10 });
      assert.equal(other.unread, 1);
    });
  });
}
