/**
 * The contract every `CounterStore` keeps (memory and Redis). Windows are short and real,
 * because Redis ends them in real time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CounterStore } from '../../src/storage/ports/counter-store.js';

export interface CounterStoreFixture {
  store: CounterStore;
  close(): Promise<void>;
}

const MINUTE = 60_000;

export function describeCounterStore(
  name: string,
  make: () => Promise<CounterStoreFixture>,
  options: { skip?: string | false } = {},
): void {
  describe(`CounterStore contract: ${name}`, { skip: options.skip ?? false }, () => {
    let fixture: CounterStoreFixture;
    let store: CounterStore;
    before(async () => {
      fixture = await make();
      store = fixture.store;
    });
    after(() => fixture?.close());

    const key = () => `contract:${randomBytes(6).toString('hex')}`;

    it('counts up within a window that the first hit starts', async () => {
      const k = key();
      const start = new Date();
      const first = await store.increment(k, MINUTE, start);
      assert.equal(first.count, 1);
      assert.ok(Math.abs(first.resetAt.getTime() - (start.getTime() + MINUTE)) < 50);
      const second = await store.increment(k, MINUTE, new Date());
      assert.equal(second.count, 2);
      assert.ok(Math.abs(second.resetAt.getTime() - first.resetAt.getTime()) < 50, 'fixed window');
      const read = await store.get(k, new Date());
      assert.equal(read?.count, 2);
      assert.ok(Math.abs((read?.resetAt.getTime() ?? 0) - first.resetAt.getTime()) < 50);
    });

    it('keys count separately, and an unknown key reads as null', async () => {
      const [a, b] = [key(), key()];
      await store.increment(a, MINUTE, new Date());
      await store.increment(a, MINUTE, new Date());
      assert.equal((await store.increment(b, MINUTE, new Date())).count, 1);
      assert.equal(await store.get(key(), new Date()), null);
    });

    it('a new window starts from one once the old one ends', async () => {
      const k = key();
      await store.increment(k, 100, new Date());
      await store.increment(k, 100, new Date());
      await sleep(150);
      assert.equal(await store.get(k, new Date()), null);
      assert.equal((await store.increment(k, 100, new Date())).count, 1);
    });

    it('reset clears a counter', async () => {
      const k = key();
      await store.increment(k, MINUTE, new Date());
      await store.reset(k);
      assert.equal(await store.get(k, new Date()), null);
      await store.reset(key());
    });

    it('concurrent increments lose no count', async () => {
      const k = key();
      const counts = await Promise.all(
        Array.from({ length: 50 }, () => store.increment(k, MINUTE, new Date())),
      );
      assert.deepEqual(
        counts.map((c) => c.count).sort((x, y) => x - y),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      assert.equal((await store.get(k, new Date()))?.count, 50);
    });

    it('a mark holds until its time and reads back as a counter ending then', async () => {
      const k = key();
      const now = new Date();
      await store.mark(k, new Date(now.getTime() + 150), now);
      assert.equal(await store.isMarked(k, new Date()), true);
      assert.equal(await store.isMarked(key(), new Date()), false);
      const read = await store.get(k, now);
      assert.ok(read && Math.abs(read.resetAt.getTime() - (now.getTime() + 150)) < 50);
      await sleep(200);
      assert.equal(await store.isMarked(k, new Date()), false);
    });

    const near = (actual: Date, expected: number) =>
      assert.ok(
        Math.abs(actual.getTime() - expected) < 50,
        `${actual.toISOString()} vs ${expected}`,
      );

    it('reserve grants and counts every charge while no hold is live', async () => {
      const [a, b, hold] = [key(), key(), key()];
      const charges = [
        { key: a, windowMs: MINUTE, hold: { key: hold, limit: 10 } },
        { key: b, windowMs: MINUTE },
      ];
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await store.reserve(charges, [MINUTE], new Date()), { granted: true });
      }
      assert.equal((await store.get(a, new Date()))?.count, 3);
      assert.equal((await store.get(b, new Date()))?.count, 3);
      assert.equal(await store.isMarked(hold, new Date()), false);
    });

    it('each reservation past the limit sets the hold for the next delay; a live hold refuses and counts nothing', async () => {
      const [k, hold] = [key(), key()];
      const charges = [{ key: k, windowMs: MINUTE, hold: { key: hold, limit: 2 } }];
      const holds = [100, 200];
      for (let i = 0; i < 2; i++)
        assert.equal((await store.reserve(charges, holds, new Date())).granted, true);
      assert.equal(await store.isMarked(hold, new Date()), false, 'within the limit: no hold');
      assert.equal(
        (await store.reserve(charges, holds, new Date())).granted,
        true,
        'the one past it runs',
      );
      let now = new Date();
      let refused = await store.reserve(charges, holds, now);
      assert.equal(refused.granted, false);
      if (!refused.granted) near(refused.retryAt, now.getTime() + 100);
      assert.equal((await store.get(k, new Date()))?.count, 3, 'a refusal counts nothing');

      await sleep(150);
      assert.equal((await store.reserve(charges, holds, new Date())).granted, true);
      now = new Date();
      refused = await store.reserve(charges, holds, now);
      assert.ok(!refused.granted);
      near(refused.retryAt, now.getTime() + 200);

      await sleep(250);
      assert.equal((await store.reserve(charges, holds, new Date())).granted, true);
      now = new Date();
      refused = await store.reserve(charges, holds, now);
      assert.ok(!refused.granted);
      near(refused.retryAt, now.getTime() + 200);
      assert.equal((await store.get(k, new Date()))?.count, 5);
    });

    it("any charge's live hold refuses the whole reservation, until the latest ends", async () => {
      const [a, b, holdA, holdB] = [key(), key(), key(), key()];
      const now = new Date();
      await store.mark(holdA, new Date(now.getTime() + 100), now);
      await store.mark(holdB, new Date(now.getTime() + 300), now);
      const refused = await store.reserve(
        [
          { key: a, windowMs: MINUTE, hold: { key: holdA, limit: 10 } },
          { key: b, windowMs: MINUTE, hold: { key: holdB, limit: 10 } },
        ],
        [MINUTE],
        now,
      );
      assert.ok(!refused.granted);
      near(refused.retryAt, now.getTime() + 300);
      assert.equal(await store.get(a, new Date()), null);
      assert.equal(await store.get(b, new Date()), null);
    });

    it('a tightened limit applies while another counter of the reservation is over its mark', async () => {
      const [account, pairA, holdA, pairB, holdB] = [key(), key(), key(), key(), key()];
      const charges = (pair: string, hold: string) => [
        { key: account, windowMs: MINUTE },
        {
          key: pair,
          windowMs: MINUTE,
          hold: { key: hold, limit: 5, tighten: { key: account, over: 2, limit: 0 } },
        },
      ];
      for (let i = 0; i < 2; i++) await store.reserve(charges(pairA, holdA), [MINUTE], new Date());
      assert.equal(await store.isMarked(holdA, new Date()), false, 'not over: the limit is 5');
      assert.equal(
        (await store.reserve(charges(pairB, holdB), [MINUTE], new Date())).granted,
        true,
      );
      assert.equal(await store.isMarked(holdB, new Date()), true, 'over: held from its first');
      assert.equal(
        (await store.reserve(charges(pairB, holdB), [MINUTE], new Date())).granted,
        false,
      );
    });

    it('concurrent reservations grant exactly the limit plus the one that sets the hold', async () => {
      const [ip, pair, holdIp, holdPair] = [key(), key(), key(), key()];
      const charges = [
        { key: ip, windowMs: MINUTE, hold: { key: holdIp, limit: 10 } },
        { key: pair, windowMs: MINUTE, hold: { key: holdPair, limit: 3 } },
      ];
      const results = await Promise.all(
        Array.from({ length: 60 }, () => store.reserve(charges, [MINUTE], new Date())),
      );
      assert.equal(results.filter((r) => r.granted).length, 4);
      assert.equal((await store.get(pair, new Date()))?.count, 4);
      assert.equal((await store.get(ip, new Date()))?.count, 4);
    });

    it('release takes one back in the same window, never below zero; an unknown key stays unknown', async () => {
      const k = key();
      const first = await store.increment(k, MINUTE, new Date());
      await store.increment(k, MINUTE, new Date());
      await store.release(k);
      let read = await store.get(k, new Date());
      assert.equal(read?.count, 1);
      near(read?.resetAt ?? new Date(0), first.resetAt.getTime());
      await Promise.all([store.release(k), store.release(k), store.release(k)]);
      read = await store.get(k, new Date());
      assert.equal(read?.count ?? 0, 0);
      assert.equal((await store.increment(k, MINUTE, new Date())).count, 1);
      const unknown = key();
      await store.release(unknown);
      assert.equal(await store.get(unknown, new Date()), null);
    });
  });
}
