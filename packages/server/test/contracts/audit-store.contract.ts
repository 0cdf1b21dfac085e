import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, type Role } from '@proofsheet/protocol';
import {
  type AuditEventRecord,
  EVERY_AUDIT_EVENT,
  type ListedAuditEvent,
} from '../../src/storage/ports/audit-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

const ALL = { offset: 0, limit: 100 };

/** The behaviour every `AuditStore` must have. */
export function describeAuditStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`AuditStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let accountId: string;
    let otherAccount: string;
    let users: Record<Role, UserRecord>;

    function event(overrides: Partial<AuditEventRecord> = {}): AuditEventRecord {
      return {
        id: newId('auditEvent', bytes),
        accountId,
        type: 'sign_in.succeeded',
        userId: users.owner.id,
        actorId: null,
        ip: '203.0.113.7',
        userAgent: 'Contract/1.0',
        detail: { login_id: newId('login', bytes), method: 'password' },
        createdAt: at(1000),
        ...overrides,
      };
    }

    /** The account's events, as `list` returns them with a filter. */
    async function ids(filter = EVERY_AUDIT_EVENT, account = accountId): Promise<string[]> {
      return (await storage.auditEvents.list(account, ALL, filter)).items.map((e) => e.id);
    }

    before(async () => {
      storage = await makeStorage();
      const a = await seedAccount(storage, 'audit-a');
      accountId = a.accountId;
      users = a.users;
      otherAccount = (await seedAccount(storage, 'audit-b')).accountId;
    });
    after(() => storage?.close());

    test('an event reads back field for field, with its user’s address', async () => {
      const e = event({
        type: 'member.role_changed',
        userId: users.assistant.id,
        actorId: users.owner.id,
        detail: { target_user_id: users.assistant.id, role: 'owner', reason: 'promoted' },
        createdAt: at(500),
      });
      await storage.auditEvents.record(e);
      const { items, total } = await storage.auditEvents.list(accountId, ALL, {
        ...EVERY_AUDIT_EVENT,
        types: ['member.role_changed'],
      });
      assert.equal(total, 1);
      const expected: ListedAuditEvent = { ...e, userEmail: users.assistant.email };
      assert.deepEqual(items[0], expected);
    });

    test('an event with no user and no client details reads back with nulls', async () => {
      const e = event({
        type: 'invitation.revoked',
        userId: null,
        ip: null,
        userAgent: null,
        detail: {},
        createdAt: at(400),
      });
      await storage.auditEvents.record(e);
      const { items } = await storage.auditEvents.list(accountId, ALL, {
        ...EVERY_AUDIT_EVENT,
        types: ['invitation.revoked'],
      });
      assert.deepEqual(items, [{ ...e, userEmail: null }]);
    });

    test('pages run newest first, ties broken by ID descending, and the total counts all', async () => {
      // IDs that differ in a digit alone sort alike in every collation a database may have.
      const body = newId('auditEvent', bytes).slice(0, -1);
      const low = event({ id: `${body}1`, createdAt: at(5000) });
      const high = event({ id: `${body}7`, createdAt: at(5000) });
      const newest = event({ createdAt: at(6000) });
      // Written low first: the order read back comes from the IDs, not from the insertion.
      for (const e of [low, high, newest]) await storage.auditEvents.record(e);
      const byId = [high.id, low.id];
      const window = { ...EVERY_AUDIT_EVENT, since: at(5000) };
      const first = await storage.auditEvents.list(accountId, { offset: 0, limit: 2 }, window);
      const second = await storage.auditEvents.list(accountId, { offset: 2, limit: 2 }, window);
      assert.deepEqual(
        first.items.map((e) => e.id),
        [newest.id, byId[0]],
      );
      assert.deepEqual(
        second.items.map((e) => e.id),
        [byId[1]],
      );
      assert.equal(first.total, 3);
      assert.equal(second.total, 3);
    });

    test('filters by type, user and time window, together', async () => {
      const base = 10_000;
      const failed = event({ type: 'sign_in.failed', createdAt: at(base), detail: {} });
      const throttled = event({ type: 'sign_in.throttled', createdAt: at(base + 10), detail: {} });
      const client = event({
        type: 'sign_in.failed',
        userId: users.gallery_client.id,
        createdAt: at(base + 20),
        detail: {},
      });
      const signOut = event({ type: 'sign_out', createdAt: at(base + 30) });
      for (const e of [failed, throttled, client, signOut]) await storage.auditEvents.record(e);
      const window = { since: at(base), until: at(base + 31) };
      const failures = { ...EVERY_AUDIT_EVENT, ...window, types: ['sign_in.failed'] as const };
      assert.deepEqual(await ids(failures), [client.id, failed.id]);
      assert.deepEqual(await ids({ ...failures, types: ['sign_in.failed', 'sign_in.throttled'] }), [
        client.id,
        throttled.id,
        failed.id,
      ]);
      assert.deepEqual(await ids({ ...failures, userId: users.owner.id }), [failed.id]);
      assert.deepEqual(
        await ids({ ...EVERY_AUDIT_EVENT, ...window, userId: users.gallery_client.id }),
        [client.id],
      );
      // `since` is inclusive, `until` exclusive.
      assert.deepEqual(
        await ids({ ...EVERY_AUDIT_EVENT, since: at(base + 10), until: at(base + 30) }),
        [client.id, throttled.id],
      );
      assert.deepEqual(await ids({ ...failures, types: [] }), [], 'no type at all: nothing');
      const counted = await storage.auditEvents.list(accountId, { offset: 0, limit: 1 }, failures);
      assert.equal(counted.total, 2, 'the total counts what the filter keeps');
    });

    test("studio A never sees studio B's events", async () => {
      const theirs = event({ accountId: otherAccount, createdAt: at(20_000) });
      await storage.auditEvents.record(theirs);
      assert.ok(!(await ids()).includes(theirs.id));
      assert.deepEqual(await ids(EVERY_AUDIT_EVENT, otherAccount), [theirs.id]);
      // Not even when asked for by their user's ID.
      assert.deepEqual(await ids({ ...EVERY_AUDIT_EVENT, userId: users.owner.id }, otherAccount), [
        theirs.id,
      ]);
      assert.deepEqual(await ids(EVERY_AUDIT_EVENT, newId('account', bytes)), []);
    });

    test('deleteOlderThan removes the events before the date, in every account, and no others', async () => {
      const old = event({ createdAt: at(-10_000) });
      const theirsOld = event({ accountId: otherAccount, createdAt: at(-10_000) });
      const edge = event({ createdAt: at(-5000) });
      for (const e of [old, theirsOld, edge]) await storage.auditEvents.record(e);
      assert.equal(await storage.auditEvents.deleteOlderThan(at(-5000)), 2);
      const mine = await ids();
      assert.ok(!mine.includes(old.id));
      assert.ok(mine.includes(edge.id), 'an event at the date itself stays');
      assert.ok(!(await ids(EVERY_AUDIT_EVENT, otherAccount)).includes(theirsOld.id));
      assert.equal(await storage.auditEvents.deleteOlderThan(at(-5000)), 0);
    });
  });
}
