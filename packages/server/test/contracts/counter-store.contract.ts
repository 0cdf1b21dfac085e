/**
 * The contract every `CounterStore` keeps (memory and Redis). Windows are short and real,
 * because Redis ends them in real time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CounterStore } from '../../src/storage/ports.js';

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
  });
}
