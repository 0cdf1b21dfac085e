import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, type Role } from '@proofsheet/protocol';
import {
  type InvitationRecord,
  invitationStatus,
  type Joiner,
} from '../../src/storage/ports/invitation-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

const WINDOW = { offset: 0, limit: 100 };

/** The behaviour every `InvitationStore` and the member verbs of `UserStore` must have. */
export function describeMemberStores(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`InvitationStore and members on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let a: { accountId: string; users: Record<Role, UserRecord> };
    let b: { accountId: string; users: Record<Role, UserRecord> };
    let n = 0;

    function invitation(overrides: Partial<InvitationRecord> = {}): InvitationRecord {
      n += 1;
      return {
        id: newId('invitation', bytes),
        accountId: a.accountId,
        email: `invitee${n}@example.com`,
        role: 'assistant',
        firstName: 'Sam',
        lastName: 'Okafor',
        tokenHash: `hash-${n}-${Math.random()}`,
        invitedBy: a.users.owner.id,
        createdAt: at(0),
        expiresAt: at(10_000),
        acceptedAt: null,
        acceptedUserId: null,
        revokedAt: null,
        ...overrides,
      };
    }

    const userFor =
      (email?: string) =>
      (i: InvitationRecord): Joiner => ({
        kind: 'new',
        user: {
          id: newId('user', bytes),
          accountId: i.accountId,
          email: email ?? i.email,
          firstName: 'Sam',
          lastName: 'Okafor',
          role: i.role,
          passwordHash: 'not-a-real-hash',
          createdAt: at(500),
        },
      });
    const existing = (userId: string) => (): Joiner => ({ kind: 'existing', userId });

    before(async () => {
      storage = await makeStorage();
      a = await seedAccount(storage, 'members-a');
      b = await seedAccount(storage, 'members-b');
    });
    after(() => storage?.close());

    test('an invitation reads back field for field, by id in its account and by token', async () => {
      const i = invitation({ email: 'Mixed.Case@Example.com', role: 'gallery_client' });
      assert.deepEqual(await storage.invitations.invite(i), i);
      assert.deepEqual(await storage.invitations.findById(a.accountId, i.id), i);
      assert.deepEqual(await storage.invitations.findByTokenHash(i.tokenHash), i);
      assert.equal(await storage.invitations.findById(b.accountId, i.id), null);
      assert.equal(await storage.invitations.findByTokenHash('no-such-hash'), null);
    });

    test('re-inviting an open address renews the same invitation with the new token', async () => {
      const first = invitation({ email: 'again@example.com' });
      await storage.invitations.invite(first);
      const second = invitation({
        email: 'AGAIN@example.com',
        role: 'gallery_client',
        createdAt: at(2000),
        expiresAt: at(20_000),
      });
      const renewed = await storage.invitations.invite(second);
      assert.equal(renewed.id, first.id);
      assert.equal(renewed.tokenHash, second.tokenHash);
      assert.equal(renewed.role, 'gallery_client');
      assert.deepEqual(renewed.expiresAt, at(20_000));
      assert.equal(await storage.invitations.findByTokenHash(first.tokenHash), null);
      // Another studio inviting the same address has an invitation of its own.
      const elsewhere = await storage.invitations.invite(
        invitation({ email: 'again@example.com', accountId: b.accountId }),
      );
      assert.notEqual(elsewhere.id, first.id);
    });

    test('concurrent invites of one address leave one open invitation', async () => {
      const made = await Promise.all(
        [1, 2, 3, 4].map(() =>
          storage.invitations.invite(invitation({ email: 'race@example.com' })),
        ),
      );
      assert.equal(new Set(made.map((i) => i.id)).size, 1);
      const open = await storage.invitations.list(a.accountId, WINDOW, {
        status: 'pending',
        now: at(1),
      });
      assert.equal(open.items.filter((i) => i.email === 'race@example.com').length, 1);
    });

    test('lists are newest first, paged, filtered by status, and per account', async () => {
      const fresh = await makeStorage();
      try {
        const x = await seedAccount(fresh, 'list-x');
        const y = await seedAccount(fresh, 'list-y');
        const make = (
          email: string,
          createdAt: number,
          expiresAt: number,
          accountId = x.accountId,
        ) =>
          fresh.invitations.invite(
            invitation({ accountId, email, createdAt: at(createdAt), expiresAt: at(expiresAt) }),
          );
        const old = await make('old@example.com', 0, 100);
        const mid = await make('mid@example.com', 10, 10_000);
        const revoked = await make('revoked@example.com', 20, 10_000);
        const accepted = await make('accepted@example.com', 30, 10_000);
        await make('other@example.com', 40, 10_000, y.accountId);
        await fresh.invitations.revoke(x.accountId, revoked.id, at(50));
        await fresh.invitations.accept(accepted.tokenHash, at(60), userFor());
        const all = await fresh.invitations.list(x.accountId, WINDOW);
        assert.deepEqual(
          all.items.map((i) => i.email),
          ['accepted@example.com', 'revoked@example.com', 'mid@example.com', 'old@example.com'],
        );
        assert.equal(all.total, 4);
        const page = await fresh.invitations.list(x.accountId, { offset: 1, limit: 2 });
        assert.deepEqual(
          page.items.map((i) => i.id),
          [revoked.id, mid.id],
        );
        assert.equal(page.total, 4);
        const now = at(1000);
        for (const [status, expected] of [
          ['pending', [mid.id]],
          ['expired', [old.id]],
          ['revoked', [revoked.id]],
          ['accepted', [accepted.id]],
        ] as const) {
          const listed = await fresh.invitations.list(x.accountId, WINDOW, { status, now });
          assert.deepEqual(
            listed.items.map((i) => i.id),
            expected,
            status,
          );
          assert.equal(listed.total, expected.length);
          for (const i of listed.items) assert.equal(invitationStatus(i, now), status);
        }
      } finally {
        await fresh.close();
      }
    });

    test('revoking is per account, once, and spares accepted invitations', async () => {
      const i = await storage.invitations.invite(invitation());
      assert.equal(await storage.invitations.revoke(b.accountId, i.id, at(100)), null);
      assert.equal((await storage.invitations.findById(a.accountId, i.id))?.revokedAt, null);
      assert.deepEqual(
        (await storage.invitations.revoke(a.accountId, i.id, at(100)))?.revokedAt,
        at(100),
      );
      assert.deepEqual(
        (await storage.invitations.revoke(a.accountId, i.id, at(200)))?.revokedAt,
        at(100),
      );
      const accepted = await storage.invitations.invite(invitation());
      await storage.invitations.accept(accepted.tokenHash, at(10), userFor());
      const after = await storage.invitations.revoke(a.accountId, accepted.id, at(300));
      assert.equal(after?.revokedAt, null);
      assert.notEqual(after?.acceptedAt, null);
    });

    test('accepting creates the user in the invitation account with its role, once', async () => {
      const i = await storage.invitations.invite(invitation({ role: 'gallery_client' }));
      const outcome = await storage.invitations.accept(i.tokenHash, at(100), userFor());
      assert.ok(outcome.ok);
      assert.equal(outcome.user.accountId, a.accountId);
      assert.equal(outcome.user.role, 'gallery_client');
      assert.deepEqual(outcome.invitation.acceptedAt, at(100));
      assert.equal(outcome.invitation.acceptedUserId, outcome.user.id);
      assert.deepEqual(await storage.users.findById(outcome.user.id), outcome.user);
      const stored = await storage.invitations.findById(a.accountId, i.id);
      assert.equal(stored?.acceptedUserId, outcome.user.id);
      assert.deepEqual(await storage.invitations.accept(i.tokenHash, at(101), userFor()), {
        ok: false,
        reason: 'accepted',
      });
    });

    test('an unknown, expired or revoked token is refused, saying which, and makes no user', async () => {
      const before = await storage.users.count();
      assert.deepEqual(await storage.invitations.accept('nothing', at(0), userFor()), {
        ok: false,
        reason: 'unknown',
      });
      const expired = await storage.invitations.invite(invitation({ expiresAt: at(100) }));
      assert.deepEqual(await storage.invitations.accept(expired.tokenHash, at(100), userFor()), {
        ok: false,
        reason: 'expired',
      });
      const revoked = await storage.invitations.invite(invitation());
      await storage.invitations.revoke(a.accountId, revoked.id, at(1));
      assert.deepEqual(await storage.invitations.accept(revoked.tokenHash, at(2), userFor()), {
        ok: false,
        reason: 'revoked',
      });
      assert.equal(await storage.users.count(), before);
    });

    test('an address taken since the invitation: refused, and the link still works', async () => {
      const i = await storage.invitations.invite(invitation());
      const taken = await storage.invitations.accept(
        i.tokenHash,
        at(10),
        userFor(a.users.assistant.email),
      );
      assert.deepEqual(taken, { ok: false, reason: 'email_taken' });
      const stored = await storage.invitations.findById(a.accountId, i.id);
      assert.equal(stored?.acceptedAt, null, 'the failed insert rolled the use back');
      assert.ok((await storage.invitations.accept(i.tokenHash, at(11), userFor())).ok);
    });

    test('concurrent accepts of one token make one user', async () => {
      const i = await storage.invitations.invite(invitation());
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => storage.invitations.accept(i.tokenHash, at(10), userFor())),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.deepEqual(
        outcomes.filter((o) => !o.ok).map((o) => o.reason),
        Array(7).fill('accepted'),
      );
      assert.ok(await storage.users.findByEmail(i.email));
    });

    test('members are listed oldest first, per account, paged', async () => {
      const fresh = await makeStorage();
      try {
        const x = await seedAccount(fresh, 'roster-x');
        await seedAccount(fresh, 'roster-y');
        const listed = await fresh.users.listByAccount(x.accountId, WINDOW);
        assert.equal(listed.total, 3);
        assert.deepEqual(
          new Set(listed.items.map((u) => u.id)),
          new Set(Object.values(x.users).map((u) => u.id)),
        );
        for (const u of listed.items) assert.deepEqual(u, x.users[u.role]);
        const page = await fresh.users.listByAccount(x.accountId, { offset: 2, limit: 5 });
        assert.equal(page.items.length, 1);
        assert.equal(page.total, 3);
      } finally {
        await fresh.close();
      }
    });

    test('a role change is per account and never leaves the account without an owner', async () => {
      const x = await seedAccount(storage, 'roles-x');
      const y = await seedAccount(storage, 'roles-y');
      assert.deepEqual(await storage.users.updateRole(y.accountId, x.users.assistant.id, 'owner'), {
        ok: false,
        reason: 'not_found',
      });
      assert.equal((await storage.users.findById(x.users.assistant.id))?.role, 'assistant');
      assert.deepEqual(await storage.users.updateRole(x.accountId, x.users.owner.id, 'assistant'), {
        ok: false,
        reason: 'last_owner',
      });
      const promoted = await storage.users.updateRole(x.accountId, x.users.assistant.id, 'owner');
      assert.ok(promoted.ok);
      assert.equal(promoted.user.role, 'owner');
      assert.equal((await storage.users.findById(x.users.assistant.id))?.role, 'owner');
    });

    test('two owners demoting each other at once: one of them stays an owner', async () => {
      // A few rounds: without the account's lock, one round in a few lets both through.
      for (let round = 0; round < 6; round++) {
        const x = await seedAccount(storage, `race-${round}`);
        assert.ok((await storage.users.updateRole(x.accountId, x.users.assistant.id, 'owner')).ok);
        const both = await Promise.all([
          storage.users.updateRole(x.accountId, x.users.owner.id, 'assistant'),
          storage.users.remove(x.accountId, x.users.assistant.id, at(1)),
        ]);
        assert.equal(both.filter((r) => r.ok).length, 1);
        assert.deepEqual(
          both.filter((r) => !r.ok),
          [{ ok: false, reason: 'last_owner' }],
        );
        const owners = (await storage.users.listByAccount(x.accountId, WINDOW)).items.filter(
          (u) => u.role === 'owner',
        );
        assert.equal(owners.length, 1);
      }
    });

    test('a removed user is found by no read, frees the address, and only once', async () => {
      const x = await seedAccount(storage, 'remove-x');
      const y = await seedAccount(storage, 'remove-y');
      const client = x.users.gallery_client;
      assert.deepEqual(await storage.users.remove(y.accountId, client.id, at(5)), {
        ok: false,
        reason: 'not_found',
      });
      assert.ok(await storage.users.findById(client.id));
      const removed = await storage.users.remove(x.accountId, client.id, at(5));
      assert.deepEqual(removed, { ok: true, user: client, previousRole: 'gallery_client' });
      assert.equal(await storage.users.findById(client.id), null);
      assert.equal(await storage.users.findByEmail(client.email), null);
      assert.deepEqual(await storage.users.findByEmails(x.accountId, [client.email]), []);
      const listed = await storage.users.listByAccount(x.accountId, WINDOW);
      assert.deepEqual(
        listed.items.map((u) => u.id).sort(),
        [x.users.owner.id, x.users.assistant.id].sort(),
      );
      assert.equal(listed.total, 2);
      assert.deepEqual(await storage.users.remove(x.accountId, client.id, at(6)), {
        ok: false,
        reason: 'not_found',
      });
      assert.deepEqual(await storage.users.updateRole(x.accountId, client.id, 'assistant'), {
        ok: false,
        reason: 'not_found',
      });
      // The address can be a user's again.
      assert.ok(await storage.users.create({ ...client, id: newId('user', bytes) }));
      assert.deepEqual(await storage.users.remove(x.accountId, x.users.owner.id, at(7)), {
        ok: false,
        reason: 'last_owner',
      });
    });

    test('a user of one studio joins another: one user, a role in each, the joined one opens', async () => {
      const x = await seedAccount(storage, 'multi-x');
      const y = await seedAccount(storage, 'multi-y');
      const person = x.users.assistant;
      const users = await storage.users.count();
      const i = await storage.invitations.invite(
        invitation({ accountId: y.accountId, email: person.email, role: 'gallery_client' }),
      );
      const joined = await storage.invitations.accept(i.tokenHash, at(700), existing(person.id));
      assert.ok(joined.ok);
      assert.deepEqual(joined.user, { ...person, accountId: y.accountId, role: 'gallery_client' });
      assert.equal(joined.invitation.acceptedUserId, person.id);
      assert.equal(await storage.users.count(), users, 'no second user');
      assert.deepEqual(await storage.users.findMember(x.accountId, person.id), person);
      assert.deepEqual(await storage.users.findMember(y.accountId, person.id), joined.user);
      // The studio just joined is the one a sign-in opens, by id and by email.
      assert.deepEqual(await storage.users.findById(person.id), joined.user);
      assert.deepEqual(await storage.users.findByEmail(person.email), joined.user);
      assert.deepEqual(await storage.users.listMemberships(person.id), [
        { accountId: x.accountId, role: 'assistant', createdAt: person.createdAt },
        { accountId: y.accountId, role: 'gallery_client', createdAt: at(700) },
      ]);
      assert.deepEqual(
        (await storage.users.findByEmails(y.accountId, [person.email])).map((u) => u.role),
        ['gallery_client'],
      );
      assert.equal((await storage.users.listByAccount(y.accountId, WINDOW)).total, 4);

      // Joining twice is refused, and spends no link.
      const again = await storage.invitations.invite(
        invitation({ accountId: y.accountId, email: person.email }),
      );
      assert.deepEqual(
        await storage.invitations.accept(again.tokenHash, at(701), existing(person.id)),
        { ok: false, reason: 'already_member' },
      );
      assert.equal((await storage.invitations.findById(y.accountId, again.id))?.acceptedAt, null);

      // A role is per studio.
      assert.ok((await storage.users.updateRole(y.accountId, person.id, 'assistant')).ok);
      assert.equal((await storage.users.findMember(x.accountId, person.id))?.role, 'assistant');
      assert.ok((await storage.users.updateRole(x.accountId, person.id, 'owner')).ok);
      assert.equal((await storage.users.findMember(y.accountId, person.id))?.role, 'assistant');

      // The default moves only to a studio they belong to.
      await storage.users.setDefaultAccount(person.id, x.accountId);
      assert.equal((await storage.users.findById(person.id))?.accountId, x.accountId);
      const z = await seedAccount(storage, 'multi-z');
      await storage.users.setDefaultAccount(person.id, z.accountId);
      assert.equal((await storage.users.findById(person.id))?.accountId, x.accountId);
      assert.equal(await storage.users.findMember(z.accountId, person.id), null);

      // Removed from the default studio, they still open the other; from the last, no more.
      assert.ok((await storage.users.remove(x.accountId, person.id, at(800))).ok);
      assert.equal(await storage.users.findMember(x.accountId, person.id), null);
      assert.equal((await storage.users.findById(person.id))?.accountId, y.accountId);
      assert.equal((await storage.users.findByEmail(person.email))?.accountId, y.accountId);
      assert.equal((await storage.users.listByAccount(x.accountId, WINDOW)).total, 2);
      assert.deepEqual(
        (await storage.users.listMemberships(person.id)).map((m) => m.accountId),
        [y.accountId],
      );
      assert.ok((await storage.users.remove(y.accountId, person.id, at(801))).ok);
      assert.equal(await storage.users.findById(person.id), null);
      assert.equal(await storage.users.findByEmail(person.email), null);
      assert.deepEqual(await storage.users.listMemberships(person.id), []);
    });

    test('adding a membership is once per studio; a removed user cannot join', async () => {
      const x = await seedAccount(storage, 'add-x');
      const y = await seedAccount(storage, 'add-y');
      const id = x.users.gallery_client.id;
      assert.equal(await storage.users.addMembership(y.accountId, id, 'assistant', at(1)), true);
      assert.equal(await storage.users.addMembership(y.accountId, id, 'owner', at(2)), false);
      assert.equal((await storage.users.findMember(y.accountId, id))?.role, 'assistant');
      const gone = x.users.assistant;
      assert.ok((await storage.users.remove(x.accountId, gone.id, at(3))).ok);
      const i = await storage.invitations.invite(
        invitation({ accountId: y.accountId, email: gone.email }),
      );
      assert.deepEqual(await storage.invitations.accept(i.tokenHash, at(4), existing(gone.id)), {
        ok: false,
        reason: 'user_gone',
      });
      assert.equal(await storage.users.findMember(y.accountId, gone.id), null);
      assert.equal((await storage.invitations.findById(y.accountId, i.id))?.acceptedAt, null);
    });
  });
}
