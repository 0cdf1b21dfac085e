/**
 * The contract every `LockStore` keeps (memory and Redis): one live lease per key, only its
 * holder renews or releases it, it expires when not renewed, and release requests reach the
 * holder. Leases are short and real, because Redis expires them in real time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LockStore } from '../../src/storage/ports/lock-store.js';

export interface LockStoreFixture {
  /** Two handles on one backing: as two instances would see it. */
  store: LockStore;
  other: LockStore;
  close(): Promise<void>;
}

const LONG = 60_000;

export function describeLockStore(
  name: string,
  make: () => Promise<LockStoreFixture>,
  options: { skip?: string | false } = {},
): void {
  describe(`LockStore contract: ${name}`, { skip: options.skip ?? false }, () => {
    let fixture: LockStoreFixture;
    let a: LockStore;
    let b: LockStore;
    before(async () => {
      fixture = await make();
      a = fixture.store;
      b = fixture.other;
    });
    after(() => fixture?.close());
    const fresh = () => `k-${randomBytes(6).toString('hex')}`;

    it('a held key is refused to everyone else until its holder releases it', async () => {
      const key = fresh();
      const lease = await a.acquire(key, LONG);
      assert.ok(lease);
      assert.equal(await b.acquire(key, LONG), null);
      assert.equal(await a.acquire(key, LONG), null);
      assert.ok(await b.acquire(fresh(), LONG), 'another key is free');
      await lease.release();
      const next = await b.acquire(key, LONG);
      assert.ok(next);
      await next.release();
    });

    it('a lease not renewed expires; the old holder then neither renews nor frees it', async () => {
      const key = fresh();
      const stale = await a.acquire(key, 100);
      assert.ok(stale);
      await sleep(250);
      const taker = await b.acquire(key, LONG);
      assert.ok(taker, 'the expired lease is free');
      assert.deepEqual(await stale.renew(), { held: false, releaseRequested: false });
      await stale.release();
      assert.equal(await a.acquire(key, LONG), null, 'the new holder still holds it');
      await taker.release();
    });

    it('renewing keeps a lease past its length', async () => {
      const key = fresh();
      const lease = await a.acquire(key, 200);
      assert.ok(lease);
      for (let i = 0; i < 4; i++) {
        await sleep(100);
        assert.equal((await lease.renew()).held, true);
      }
      assert.equal(await b.acquire(key, LONG), null);
      await lease.release();
    });

    it('a release request reaches the holder once, and not the next holder', async () => {
      const key = fresh();
      const lease = await a.acquire(key, LONG);
      assert.ok(lease);
      assert.deepEqual(await lease.renew(), { held: true, releaseRequested: false });
      await b.requestRelease(key);
      assert.deepEqual(await lease.renew(), { held: true, releaseRequested: true });
      assert.deepEqual(await lease.renew(), { held: true, releaseRequested: false });
      await b.requestRelease(key);
      await lease.release();
      const next = await b.acquire(key, LONG);
      assert.ok(next);
      assert.deepEqual(await next.renew(), { held: true, releaseRequested: false });
      await next.release();
    });

    it('asking for a key nobody holds leaves nothing for its next holder', async () => {
      const key = fresh();
      await b.requestRelease(key);
      const lease = await a.acquire(key, LONG);
      assert.ok(lease);
      assert.deepEqual(await lease.renew(), { held: true, releaseRequested: false });
      await lease.release();
    });
  });
}
