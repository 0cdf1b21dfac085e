import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newStudio } from '../../src/auth/sign-up/new-studio.js';
import type { PendingSignUpRecord } from '../../src/storage/ports/sign-up-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

const random = { bytes };

/** The behaviour every `SignUpStore` and `EmailChangeStore` must have. */
export function describeSignUpStores(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`SignUpStore and EmailChangeStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let seeded: Awaited<ReturnType<typeof seedAccount>>;

    function pending(hash: string, email: string, expiresAt = 10_000): PendingSignUpRecord {
      return {
        tokenHash: hash,
        email,
        studioName: `Studio of ${email}`,
        firstName: 'Ada',
        lastName: 'Lovelace',
        createdAt: at(0),
        expiresAt: at(expiresAt),
        usedAt: null,
      };
    }
    const make = (s: PendingSignUpRecord) =>
      newStudio({ ...s, passwordHash: 'not-a-real-hash', now: at(100), random });

    before(async () => {
      storage = await makeStorage();
      seeded = await seedAccount(storage, 'signup-a');
    });
    after(() => storage?.close());

    test('a sign-up is found by its hash, and completing makes the studio and its owner', async () => {
      await storage.signUps.create(pending('hash-1', 'one@signup.example.com'));
      assert.equal((await storage.signUps.find('hash-1'))?.email, 'one@signup.example.com');
      assert.equal(await storage.signUps.find('hash-unknown'), null);
      const outcome = await storage.signUps.complete('hash-1', at(100), make);
      assert.ok(outcome.ok);
      assert.equal(outcome.owner.role, 'owner');
      assert.equal(outcome.owner.accountId, outcome.account.id);
      assert.equal(
        (await storage.accounts.findById(outcome.account.id))?.name,
        'Studio of one@signup.example.com',
      );
      assert.equal(
        (await storage.users.findByEmail('one@signup.example.com'))?.id,
        outcome.owner.id,
      );
      assert.equal((await storage.signUps.find('hash-1'))?.usedAt?.getTime(), at(100).getTime());
      // The new studio is a studio apart: its owner is its only member.
      const members = await storage.users.listByAccount(outcome.account.id, {
        offset: 0,
        limit: 10,
      });
      assert.deepEqual(
        members.items.map((u) => u.id),
        [outcome.owner.id],
      );
      const seededMembers = await storage.users.listByAccount(seeded.accountId, {
        offset: 0,
        limit: 10,
      });
      assert.ok(!seededMembers.items.some((u) => u.id === outcome.owner.id));
    });

    test('a token completes once, even when two completions race', async () => {
      await storage.signUps.create(pending('hash-race', 'race@signup.example.com'));
      const outcomes = await Promise.all([
        storage.signUps.complete('hash-race', at(100), make),
        storage.signUps.complete('hash-race', at(100), make),
      ]);
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.deepEqual(
        outcomes.find((o) => !o.ok),
        { ok: false, reason: 'used' },
      );
    });

    test('expired and unknown tokens are refused, saying which', async () => {
      await storage.signUps.create(pending('hash-old', 'old@signup.example.com', 50));
      assert.deepEqual(await storage.signUps.complete('hash-old', at(100), make), {
        ok: false,
        reason: 'expired',
      });
      assert.deepEqual(await storage.signUps.complete('hash-none', at(100), make), {
        ok: false,
        reason: 'unknown',
      });
    });

    test('an address taken since rolls everything back: no studio, and the link unspent', async () => {
      const email = seeded.users.assistant.email.toUpperCase();
      await storage.signUps.create(pending('hash-taken', email));
      let made = '';
      const outcome = await storage.signUps.complete('hash-taken', at(100), (s) => {
        const studio = make(s);
        made = studio.account.id;
        return studio;
      });
      assert.deepEqual(outcome, { ok: false, reason: 'email_taken' });
      assert.equal(await storage.accounts.findById(made), null);
      assert.equal((await storage.signUps.find('hash-taken'))?.usedAt, null);
    });

    test('createStudio makes both, or neither when the address is taken', async () => {
      const studio = newStudio({
        studioName: 'Commanded',
        email: 'command@signup.example.com',
        firstName: 'Op',
        lastName: '',
        passwordHash: 'x',
        now: at(0),
        random,
      });
      assert.ok(await storage.signUps.createStudio(studio));
      const again = newStudio({
        ...studio.owner,
        studioName: 'Again',
        passwordHash: 'x',
        now: at(0),
        random,
      });
      assert.equal(await storage.signUps.createStudio(again), null);
      assert.equal(await storage.accounts.findById(again.account.id), null);
    });

    test('deleteExpired removes sign-ups and email changes that expired', async () => {
      await storage.signUps.create(pending('hash-sweep', 'sweep@signup.example.com', 20));
      assert.ok((await storage.signUps.deleteExpired(at(30))) >= 1);
      assert.equal(await storage.signUps.find('hash-sweep'), null);
      await storage.emailChanges.create({
        tokenHash: 'ec-sweep',
        userId: seeded.users.owner.id,
        newEmail: 'sweep-new@signup.example.com',
        createdAt: at(0),
        expiresAt: at(20),
        usedAt: null,
      });
      assert.ok((await storage.emailChanges.deleteExpired(at(30))) >= 1);
      assert.equal(await storage.emailChanges.find('ec-sweep'), null);
    });

    test('an email change swaps the address once; a newer one retires the older', async () => {
      const user = seeded.users.gallery_client;
      const change = (hash: string, email: string) =>
        storage.emailChanges.create({
          tokenHash: hash,
          userId: user.id,
          newEmail: email,
          createdAt: at(0),
          expiresAt: at(10_000),
          usedAt: null,
        });
      await change('ec-1', 'first@signup.example.com');
      await change('ec-2', 'Second@signup.example.com');
      assert.deepEqual(await storage.emailChanges.confirm('ec-1', at(10)), {
        ok: false,
        reason: 'used',
      });
      const outcomes = await Promise.all([
        storage.emailChanges.confirm('ec-2', at(10)),
        storage.emailChanges.confirm('ec-2', at(10)),
      ]);
      const ok = outcomes.find((o) => o.ok);
      assert.ok(ok?.ok);
      assert.equal(ok.before.email, user.email);
      assert.equal(ok.after.email, 'Second@signup.example.com');
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.equal((await storage.users.findByEmail('second@signup.example.com'))?.id, user.id);
      assert.equal(await storage.users.findByEmail(user.email), null);
    });

    test('an email change to an address taken since changes nothing', async () => {
      const user = seeded.users.owner;
      await storage.emailChanges.create({
        tokenHash: 'ec-taken',
        userId: user.id,
        newEmail: seeded.users.assistant.email,
        createdAt: at(0),
        expiresAt: at(10_000),
        usedAt: null,
      });
      assert.deepEqual(await storage.emailChanges.confirm('ec-taken', at(10)), {
        ok: false,
        reason: 'email_taken',
      });
      assert.equal((await storage.users.findById(user.id))?.email, user.email);
      assert.equal((await storage.emailChanges.find('ec-taken'))?.usedAt, null);
    });
  });
}
