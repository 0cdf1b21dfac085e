import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type {
  PasskeyChallengeRecord,
  PasskeyRecord,
} from '../../src/storage/ports/passkey-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

/** The behaviour every `PasskeyStore` must have. */
export function describePasskeyStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`PasskeyStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let users: UserRecord[];
    let next = 0;

    /** A user of its own for each test: no test sees another's rows. */
    function user(): UserRecord {
      const found = users[next];
      next += 1;
      assert.ok(found, 'the fixture ran out of users');
      return found;
    }

    let credentials = 0;
    function passkey(owner: UserRecord, overrides: Partial<PasskeyRecord> = {}): PasskeyRecord {
      credentials += 1;
      return {
        id: newId('passkey', bytes),
        userId: owner.id,
        accountId: owner.accountId,
        credentialId: `cred-${owner.id}-${credentials}`,
        publicKey: 'pQECAyYgASFYIA',
        counter: 0,
        transports: ['internal', 'hybrid'],
        name: 'Laptop',
        backedUp: false,
        createdAt: at(credentials),
        lastUsedAt: null,
        ...overrides,
      };
    }

    function challenge(overrides: Partial<PasskeyChallengeRecord> = {}): PasskeyChallengeRecord {
      return {
        challengeHash: `ch-${Math.random()}`,
        purpose: 'sign_in',
        userId: null,
        mfaTokenHash: null,
        createdAt: at(0),
        expiresAt: at(60_000),
        ...overrides,
      };
    }

    /** A user of another studio than every {@link user}'s. */
    let stranger: UserRecord;

    before(async () => {
      storage = await makeStorage();
      users = [];
      for (let i = 0; i < 4; i += 1) {
        const seeded = await seedAccount(storage, `pk-${i}`);
        users.push(...Object.values(seeded.users));
      }
      stranger = (await seedAccount(storage, 'pk-other')).users.owner;
    });
    after(() => storage?.close());

    test('a passkey is stored as given, found by its credential ID and listed oldest first', async () => {
      const u = user();
      const first = passkey(u, { backedUp: true, counter: 7 });
      const second = passkey(u);
      assert.equal(await storage.passkeys.create(second), true);
      assert.equal(await storage.passkeys.create(first), true);
      assert.deepEqual(await storage.passkeys.findByCredentialId(first.credentialId), first);
      assert.deepEqual(await storage.passkeys.listForUser(u.id), [first, second]);
      assert.equal(await storage.passkeys.countForUser(u.id), 2);
      assert.equal(await storage.passkeys.findByCredentialId('unknown'), null);
    });

    test('a credential ID is registered once on the whole server', async () => {
      const [a, b] = [user(), user()];
      const taken = passkey(a);
      assert.equal(await storage.passkeys.create(taken), true);
      assert.equal(
        await storage.passkeys.create({ ...passkey(b), credentialId: taken.credentialId }),
        false,
      );
      assert.equal(await storage.passkeys.countForUser(b.id), 0);
    });

    test("renaming and removing touch only the user's own passkey", async () => {
      const a = user();
      const b = stranger;
      const own = passkey(a);
      await storage.passkeys.create(own);
      assert.equal(await storage.passkeys.rename(b.id, own.id, 'Mine now'), null);
      assert.equal(await storage.passkeys.remove(b.id, own.id), false);
      assert.equal(await storage.passkeys.listForUser(b.id).then((l) => l.length), 0);
      const renamed = await storage.passkeys.rename(a.id, own.id, 'Phone');
      assert.deepEqual(renamed, { ...own, name: 'Phone' });
      assert.equal(await storage.passkeys.remove(a.id, own.id), true);
      assert.equal(await storage.passkeys.remove(a.id, own.id), false);
      assert.equal(await storage.passkeys.findByCredentialId(own.credentialId), null);
    });

    test('a use moves the counter only from the value it read: one of parallel replays wins', async () => {
      const u = user();
      const key = passkey(u, { counter: 3 });
      await storage.passkeys.create(key);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => storage.passkeys.recordUse(key.id, 3, 4, at(9000))),
      );
      assert.equal(results.filter(Boolean).length, 1);
      const found = await storage.passkeys.findByCredentialId(key.credentialId);
      assert.equal(found?.counter, 4);
      assert.equal(found?.lastUsedAt?.getTime(), at(9000).getTime());
      assert.equal(await storage.passkeys.recordUse(key.id, 3, 5, at(9500)), false);
    });

    test('a challenge is consumed once, for what it was made, and not after it expired', async () => {
      const u = user();
      const given = challenge({ purpose: 'second_factor', userId: u.id, mfaTokenHash: 'mfa-hash' });
      await storage.passkeys.createChallenge(given);
      const taken = await Promise.all(
        Array.from({ length: 5 }, () =>
          storage.passkeys.consumeChallenge(given.challengeHash, at(1000)),
        ),
      );
      assert.deepEqual(
        taken.filter((c) => c !== null),
        [given],
      );
      const late = challenge();
      await storage.passkeys.createChallenge(late);
      assert.equal(await storage.passkeys.consumeChallenge(late.challengeHash, at(60_000)), null);
      assert.equal(await storage.passkeys.consumeChallenge(late.challengeHash, at(0)), null);
    });

    test('expired challenges are swept; live ones stay', async () => {
      const old = challenge({ expiresAt: at(10) });
      const live = challenge({ expiresAt: at(1_000_000) });
      await storage.passkeys.createChallenge(old);
      await storage.passkeys.createChallenge(live);
      assert.ok((await storage.passkeys.deleteExpiredChallenges(at(100))) >= 1);
      assert.equal(await storage.passkeys.consumeChallenge(old.challengeHash, at(0)), null);
      assert.deepEqual(await storage.passkeys.consumeChallenge(live.challengeHash, at(0)), live);
    });
  });
}
