import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { TotpFactorRecord } from '../../src/storage/ports/two-factor-store.js';
import { at, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

/** The behaviour every `TwoFactorStore` must have. */
export function describeTwoFactorStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`TwoFactorStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let users: string[];
    let next = 0;

    /** A user of its own for each test: no test sees another's rows. */
    function user(): string {
      const id = users[next];
      next += 1;
      assert.ok(id, 'the fixture ran out of users');
      return id;
    }

    function factor(userId: string, overrides: Partial<TotpFactorRecord> = {}): TotpFactorRecord {
      return {
        userId,
        sealedSecret: `sealed-${userId}`,
        createdAt: at(0),
        confirmedAt: null,
        lastSteps: { studio: 0, gallery: 0 },
        ...overrides,
      };
    }

    before(async () => {
      storage = await makeStorage();
      users = [];
      for (let i = 0; i < 5; i += 1) {
        const seeded = await seedAccount(storage, `tf-${i}`);
        users.push(...Object.values(seeded.users).map((u) => u.id));
      }
    });
    after(() => storage?.close());

    test('a set-up is pending until confirmed, and a restart replaces a pending secret', async () => {
      const u = user();
      assert.equal(await storage.twoFactor.findTotp(u), null);
      assert.equal(await storage.twoFactor.startTotp(factor(u, { sealedSecret: 'one' })), true);
      assert.equal(await storage.twoFactor.startTotp(factor(u, { sealedSecret: 'two' })), true);
      const found = await storage.twoFactor.findTotp(u);
      assert.deepEqual(found, factor(u, { sealedSecret: 'two' }));
    });

    test('confirming stores the step and the recovery codes together; a confirmed app is never replaced', async () => {
      const u = user();
      await storage.twoFactor.startTotp(factor(u));
      assert.equal(
        await storage.twoFactor.confirmTotp(u, 1234, at(5000), ['h1', 'h2', 'h3']),
        true,
      );
      assert.equal(await storage.twoFactor.confirmTotp(u, 1235, at(6000), ['h4']), false);
      const found = await storage.twoFactor.findTotp(u);
      assert.equal(found?.confirmedAt?.getTime(), at(5000).getTime());
      assert.deepEqual(found?.lastSteps, { studio: 1234, gallery: 1234 });
      assert.equal(await storage.twoFactor.countRecoveryCodes(u), 3);
      assert.equal(
        await storage.twoFactor.startTotp(factor(u, { sealedSecret: 'attacker' })),
        false,
      );
      assert.equal((await storage.twoFactor.findTotp(u))?.sealedSecret, `sealed-${u}`);
    });

    test('confirming without a pending set-up changes nothing', async () => {
      const u = user();
      assert.equal(await storage.twoFactor.confirmTotp(u, 1, at(0), ['h']), false);
      assert.equal(await storage.twoFactor.countRecoveryCodes(u), 0);
    });

    test('a step is used once, only forwards, and once of many parallel tries', async () => {
      const u = user();
      await storage.twoFactor.startTotp(factor(u));
      await storage.twoFactor.confirmTotp(u, 100, at(0), []);
      for (const api of ['studio', 'gallery'] as const) {
        assert.equal(
          await storage.twoFactor.useTotpStep(u, 100, api),
          false,
          'the confirming step',
        );
        assert.equal(await storage.twoFactor.useTotpStep(u, 99, api), false, 'an older step');
      }
      const tries = await Promise.all(
        Array.from({ length: 20 }, () => storage.twoFactor.useTotpStep(u, 101, 'studio')),
      );
      assert.equal(tries.filter(Boolean).length, 1);
      assert.deepEqual((await storage.twoFactor.findTotp(u))?.lastSteps, {
        studio: 101,
        gallery: 100,
      });
      // The other API keeps its own count: the same step once there too, and only once.
      assert.equal(await storage.twoFactor.useTotpStep(u, 101, 'gallery'), true);
      assert.equal(await storage.twoFactor.useTotpStep(u, 101, 'gallery'), false);
    });

    test('a pending set-up accepts no step', async () => {
      const u = user();
      await storage.twoFactor.startTotp(factor(u));
      assert.equal(await storage.twoFactor.useTotpStep(u, 5, 'studio'), false);
    });

    test('recovery codes are single-use under concurrency, and replacing them ends the old ones', async () => {
      const u = user();
      await storage.twoFactor.startTotp(factor(u));
      await storage.twoFactor.confirmTotp(u, 1, at(0), ['a', 'b']);
      const tries = await Promise.all(
        Array.from({ length: 20 }, () => storage.twoFactor.useRecoveryCode(u, 'a', at(10))),
      );
      assert.equal(tries.filter(Boolean).length, 1);
      assert.equal(await storage.twoFactor.countRecoveryCodes(u), 1);
      assert.equal(await storage.twoFactor.useRecoveryCode(u, 'zzz', at(10)), false);
      await storage.twoFactor.replaceRecoveryCodes(u, ['c', 'd', 'e'], at(20));
      assert.equal(await storage.twoFactor.useRecoveryCode(u, 'b', at(30)), false);
      assert.equal(await storage.twoFactor.countRecoveryCodes(u), 3);
      assert.equal(await storage.twoFactor.useRecoveryCode(u, 'c', at(30)), true);
    });

    test("one user's codes never work for another", async () => {
      const [a, b] = [user(), user()];
      await storage.twoFactor.startTotp(factor(a));
      await storage.twoFactor.confirmTotp(a, 1, at(0), ['shared-hash']);
      assert.equal(await storage.twoFactor.useRecoveryCode(b, 'shared-hash', at(1)), false);
      assert.equal(await storage.twoFactor.useTotpStep(b, 2, 'studio'), false);
      assert.equal(await storage.twoFactor.removeTotp(b), false);
      assert.equal(await storage.twoFactor.countRecoveryCodes(a), 1);
    });

    test('removing the app removes its codes and pending sign-ins', async () => {
      const u = user();
      await storage.twoFactor.startTotp(factor(u));
      await storage.twoFactor.confirmTotp(u, 1, at(0), ['x', 'y']);
      await storage.twoFactor.createChallenge({
        tokenHash: `ch-${u}`,
        userId: u,
        createdAt: at(0),
        expiresAt: at(300_000),
        failures: 0,
      });
      assert.equal(await storage.twoFactor.removeTotp(u), true);
      assert.equal(await storage.twoFactor.findTotp(u), null);
      assert.equal(await storage.twoFactor.countRecoveryCodes(u), 0);
      assert.equal(await storage.twoFactor.findChallenge(`ch-${u}`), null);
      assert.equal(await storage.twoFactor.removeTotp(u), false);
    });

    test('challenges count failures atomically, are consumed once, and expire', async () => {
      const u = user();
      const challenge = {
        tokenHash: `c1-${u}`,
        userId: u,
        createdAt: at(0),
        expiresAt: at(300_000),
        failures: 0,
      };
      await storage.twoFactor.createChallenge(challenge);
      assert.deepEqual(await storage.twoFactor.findChallenge(challenge.tokenHash), challenge);
      const counts = await Promise.all(
        Array.from({ length: 10 }, () => storage.twoFactor.failChallenge(challenge.tokenHash)),
      );
      assert.deepEqual(
        [...counts].sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      const consumed = await Promise.all(
        Array.from({ length: 10 }, () => storage.twoFactor.consumeChallenge(challenge.tokenHash)),
      );
      assert.equal(consumed.filter(Boolean).length, 1);
      assert.equal(await storage.twoFactor.failChallenge(challenge.tokenHash), Infinity);

      await storage.twoFactor.createChallenge({ ...challenge, tokenHash: `c2-${u}` });
      await storage.twoFactor.createChallenge({
        ...challenge,
        tokenHash: `c3-${u}`,
        expiresAt: at(900_000),
      });
      assert.equal(await storage.twoFactor.deleteExpiredChallenges(at(300_000)), 1);
      assert.equal(await storage.twoFactor.findChallenge(`c2-${u}`), null);
      assert.equal(await storage.twoFactor.deleteChallengesOf(u), 1);
      assert.equal(await storage.twoFactor.findChallenge(`c3-${u}`), null);
    });
  });
}
