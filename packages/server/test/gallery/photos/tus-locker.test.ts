/** tus's Locker over shared leases: two lockers on one Redis stand for two instances. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Locker } from '@tus/utils';
import type { Redis } from 'ioredis';
import { tusLocker } from '../../../src/gallery/photos/tus-locker.js';
import { redisLockStore } from '../../../src/storage/redis/lock-store.js';
import { closeRedis, connectRedis } from '../../../src/storage/redis/redis-client.js';
import { redisService } from '../../helpers/services.js';

const redis = await redisService();

describe('tus locker across instances (Redis)', { skip: redis.skip }, () => {
  let one: Redis;
  let two: Redis;
  let keyspace: Awaited<ReturnType<typeof redis.createKeyspace>>;
  let a: Locker;
  let b: Locker;
  const timing = { ttlMs: 600, renewMs: 100, retryMs: 20, acquireTimeoutMs: 2000 };
  before(async () => {
    keyspace = await redis.createKeyspace();
    [one, two] = await Promise.all([connectRedis(redis.url), connectRedis(redis.url)]);
    a = tusLocker(redisLockStore(one, keyspace), timing);
    b = tusLocker(redisLockStore(two, keyspace), timing);
  });
  after(async () => {
    await Promise.all([one && closeRedis(one), two && closeRedis(two)]);
    await keyspace?.drop();
  });

  it('a second instance waits; the holder is asked to let go; it gets the lock on unlock', async () => {
    let asked = 0;
    const held = a.newLock('u1');
    await held.lock(new AbortController().signal, () => {
      asked += 1;
    });
    let gotIt = false;
    const waiting = b
      .newLock('u1')
      .lock(new AbortController().signal, () => {})
      .then(() => {
        gotIt = true;
      });
    await sleep(400);
    assert.ok(asked >= 1, 'the holder heard the request');
    assert.equal(gotIt, false, 'no one else holds it meanwhile');
    await held.unlock();
    await waiting;
    assert.equal(gotIt, true);
  });

  it('a holder that stops renewing (died) loses the lock after its lease', async () => {
    const dead = tusLocker(redisLockStore(one, keyspace), { ...timing, renewMs: 250 });
    const lock = dead.newLock('u2');
    await lock.lock(new AbortController().signal, () => {});
    // A crashed process renews nothing: here, its renewal timer is stopped by hand.
    await one.set(`${keyspace.keyPrefix}lock:tus:u2`, 'crashed', 'PX', 600);
    const started = Date.now();
    await b.newLock('u2').lock(new AbortController().signal, () => {});
    const waited = Date.now() - started;
    assert.ok(waited >= 400 && waited < 2000, `waited ${waited} ms`);
  });

  it('a waiter gives up with tus’s lock timeout when the holder keeps it', async () => {
    const held = a.newLock('u3');
    await held.lock(new AbortController().signal, () => {});
    const impatient = tusLocker(redisLockStore(two, keyspace), {
      ...timing,
      acquireTimeoutMs: 300,
    });
    await assert.rejects(
      impatient.newLock('u3').lock(new AbortController().signal, () => {}),
      (error) => error === ERRORS.ERR_LOCK_TIMEOUT,
    );
    await held.unlock();
  });

  it('unlocking frees the key at once, and a second unlock is an error', async () => {
    const lock = a.newLock('u4');
    await lock.lock(new AbortController().signal, () => {});
    await lock.unlock();
    assert.equal(await one.exists(`${keyspace.keyPrefix}lock:tus:u4`), 0);
    await assert.rejects(lock.unlock(), /unlocked/);
  });
});
