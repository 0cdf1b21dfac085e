import { LruMap } from './lru-map.js';
import type { LoginRecord, SessionStore } from './ports/session-store.js';

/** Logins held; about a kilobyte each. */
export const DEFAULT_SESSION_CACHE_SIZE = 10_000;

/**
 * A read-through cache of `findBySessionHash`, for storage this process alone writes (see
 * `StorageCapabilities.exclusive`): the session check of every request then reads no row.
 * Every write goes through here and drops the logins it changes, so a logout, a revocation or
 * a password change is seen by the very next request. Never use it where another process can
 * write the sessions: it would not hear of their logouts.
 *
 * A lookup that was in flight while any write happened is not cached (`epoch`), so a row read
 * just before a delete cannot bring a revoked session back. Misses are not cached: a guessed
 * cookie costs a query, not memory.
 */
export function cachedSessionStore(
  store: SessionStore,
  max = DEFAULT_SESSION_CACHE_SIZE,
): SessionStore {
  // Login id → its cached session hash, so that a touch finds its entry without a scan.
  const hashById = new Map<string, string>();
  const byHash = new LruMap<string, LoginRecord>(max, (hash, login) => {
    if (hashById.get(login.id) === hash) hashById.delete(login.id);
  });
  let epoch = 0;

  const forget = (matches: (login: LoginRecord) => boolean) => {
    epoch += 1;
    for (const login of [...byHash.values()]) {
      if (matches(login)) {
        byHash.delete(login.sessionHash);
        hashById.delete(login.id);
      }
    }
  };
  /** Forgets before the write (lookups in flight are not cached) and after it. */
  async function writing<T>(matches: (login: LoginRecord) => boolean, write: () => Promise<T>) {
    forget(matches);
    try {
      return await write();
    } finally {
      forget(matches);
    }
  }

  return {
    create: (login) => store.create(login),
    async findBySessionHash(sessionHash) {
      const cached = byHash.get(sessionHash);
      // A copy: callers update `lastSeenAt` on what they are given.
      if (cached) return { ...cached };
      const started = epoch;
      const login = await store.findBySessionHash(sessionHash);
      if (login && epoch === started) {
        byHash.set(sessionHash, { ...login });
        hashById.set(login.id, sessionHash);
      }
      return login;
    },
    findById: (id) => store.findById(id),
    findByAuthTokenHash: (hash) => store.findByAuthTokenHash(hash),
    async touch(id, lastSeenAt) {
      await store.touch(id, lastSeenAt);
      const hash = hashById.get(id);
      const login = hash === undefined ? undefined : byHash.get(hash);
      if (login && login.lastSeenAt < lastSeenAt) login.lastSeenAt = lastSeenAt;
    },
    // Rotation retires the login's session hash; reuse detection may delete the login.
    rotate: (hash, next) =>
      writing(
        (l) => l.authTokenHash === hash,
        () => store.rotate(hash, next),
      ),
    delete: (id) =>
      writing(
        (l) => l.id === id,
        () => store.delete(id),
      ),
    deleteForUser: (userId, exceptId) =>
      writing(
        (l) => l.userId === userId && l.id !== exceptId,
        () => store.deleteForUser(userId, exceptId),
      ),
    listForUser: (userId) => store.listForUser(userId),
    deleteExpired: (now, absoluteMs, idleMs) =>
      writing(
        () => true,
        () => store.deleteExpired(now, absoluteMs, idleMs),
      ),
  };
}
