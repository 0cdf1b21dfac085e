import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import type { Lease, LockStore } from '../../storage/ports/lock-store.js';

/** How long leases last and how often they are renewed or retried. */
export interface TusLockerOptions {
  /** A lease not renewed for this long (its holder died) is free again. @default 10 s */
  ttlMs?: number;
  /** How often a holder renews its lease and looks for release requests. @default 500 ms */
  renewMs?: number;
  /** How often a waiter tries again. @default 100 ms */
  retryMs?: number;
  /** A waiter gives up after this long (tus's MemoryLocker's default). @default 30 s */
  acquireTimeoutMs?: number;
}

/**
 * A tus `Locker` over a {@link LockStore}: one lease per upload while a request reads or writes
 * it, so two requests (on one instance or on two sharing the store) never interleave their
 * writes. It keeps tus's lock-request semantics: a waiter asks the holder to let go, and the
 * holder's request is cancelled (tus lets it drain first) and unlocks.
 */
export function tusLocker(locks: LockStore, options: TusLockerOptions = {}): Locker {
  const ttlMs = options.ttlMs ?? 10_000;
  const renewMs = options.renewMs ?? 500;
  const retryMs = options.retryMs ?? 100;
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
  if (renewMs * 2 > ttlMs) throw new Error('tus lock renewal must come well within its lease');
  return { newLock: (id) => leaseLock(`tus:${id}`) };

  function leaseLock(key: string): Lock {
    let lease: Lease | null = null;
    let renewal: NodeJS.Timeout | null = null;

    /** Renews until unlocked; a lease lost, asked for, or unreachable cancels the request. */
    function keepRenewing(held: Lease, release: RequestRelease): void {
      renewal = setTimeout(async () => {
        let keep = false;
        try {
          const { held: still, releaseRequested } = await held.renew();
          keep = still;
          if (releaseRequested) void release();
        } catch {
          // The store cannot vouch for the lease any more: writing on would not be exclusive.
        }
        if (lease !== held) return;
        if (keep) keepRenewing(held, release);
        else void release();
      }, renewMs);
      renewal.unref();
    }

    return {
      async lock(signal, requestRelease) {
        const deadline = Date.now() + acquireTimeoutMs;
        for (;;) {
          if (signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
          const taken = await locks.acquire(key, ttlMs);
          if (taken) {
            lease = taken;
            keepRenewing(taken, requestRelease);
            return;
          }
          await locks.requestRelease(key);
          if (Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
          await sleep(retryMs, undefined, { signal }).catch(() => undefined);
        }
      },
      async unlock() {
        const held = lease;
        lease = null;
        if (renewal) clearTimeout(renewal);
        renewal = null;
        if (!held) throw new Error('Releasing an unlocked lock!');
        // A release that does not reach the store is not retried: the lease expires by itself.
        await held.release().catch(() => undefined);
      },
    };
  }
}
