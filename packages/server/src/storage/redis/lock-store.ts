import { randomUUID } from 'node:crypto';
import type { Lease, LockStore } from '../ports/lock-store.js';
import { luaScript, type RedisClient, runScript } from './redis-client.js';

/**
 * KEYS: lock, its release request. ARGV: token, ms. Takes a free lock; a release request left
 * for an earlier holder is not this one's.
 */
const ACQUIRE = luaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
`);

/**
 * KEYS: lock, its release request. ARGV: token, ms. Extends the lock if the token still holds
 * it, and takes any release request: {held, requested}. Compare-and-extend in one script, so
 * a lease lost to expiry is never extended for its new holder.
 */
const RENEW = luaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0, 0} end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, redis.call('DEL', KEYS[2])}
`);

/** KEYS: lock. ARGV: token. Compare-and-delete: a lost lease cannot free its new holder's. */
const RELEASE = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** KEYS: lock, its release request. ARGV: ms. Asks only a lock that is held. */
const REQUEST = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('SET', KEYS[2], '1', 'PX', ARGV[1]) end
return 0
`);

/**
 * Leases in Redis, shared by every instance: `SET NX PX` with a random token, renewed and
 * released by scripts that check the token first. A holder that dies stops renewing, and Redis
 * expires its lease. Release requests are a second key the holder reads as it renews.
 */
export function redisLockStore(redis: RedisClient, options: { keyPrefix: string }): LockStore {
  const lockKey = (key: string) => `${options.keyPrefix}lock:${key}`;
  const requestKey = (key: string) => `${options.keyPrefix}lock:${key}:release`;
  return {
    async acquire(key, ttlMs) {
      // A random token per lease: only this holder can extend or delete it.
      const token = randomUUID();
      const keys = [lockKey(key), requestKey(key)];
      if (Number(await runScript(redis, ACQUIRE, keys, [token, ttlMs])) !== 1) return null;
      const lease: Lease = {
        async renew() {
          const reply = await runScript(redis, RENEW, keys, [token, ttlMs]);
          const [held, requested] = Array.isArray(reply) ? reply.map(Number) : [0, 0];
          return { held: held === 1, releaseRequested: held === 1 && requested === 1 };
        },
        async release() {
          await runScript(redis, RELEASE, [lockKey(key)], [token]);
        },
      };
      return lease;
    },
    async requestRelease(key) {
      // A request outlives no lock by much: it is for the holder now, not a later one.
      await runScript(redis, REQUEST, [lockKey(key), requestKey(key)], [30_000]);
    },
  };
}
