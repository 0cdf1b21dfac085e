import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../deps.js';
import type { Lease, LockStore } from './ports/lock-store.js';

interface Held {
  token: string;
  expiresAt: number;
  releaseRequested: boolean;
}

/**
 * Leases in this process's memory: exclusive among the requests of one instance (the SQLite
 * set-up), not across instances, which use the Redis store. Only live leases are kept: a
 * released one is deleted, an expired one is replaced by the next taker.
 */
export function memoryLockStore(clock: Clock = systemClock): LockStore {
  const held = new Map<string, Held>();
  const live = (key: string) => {
    const entry = held.get(key);
    return entry && entry.expiresAt > clock.now().getTime() ? entry : null;
  };
  return {
    async acquire(key, ttlMs) {
      if (live(key)) return null;
      const token = randomUUID();
      const entry: Held = {
        token,
        expiresAt: clock.now().getTime() + ttlMs,
        releaseRequested: false,
      };
      held.set(key, entry);
      const lease: Lease = {
        async renew() {
          const current = live(key);
          if (current?.token !== token) return { held: false, releaseRequested: false };
          current.expiresAt = clock.now().getTime() + ttlMs;
          const releaseRequested = current.releaseRequested;
          current.releaseRequested = false;
          return { held: true, releaseRequested };
        },
        async release() {
          if (held.get(key)?.token === token) held.delete(key);
        },
      };
      return lease;
    },
    async requestRelease(key) {
      const current = live(key);
      if (current) current.releaseRequested = true;
    },
  };
}
