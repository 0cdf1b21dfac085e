import type { SessionStore, Storage } from '../server-modules.js';

/**
 * The storage with its session store wrapped to count writes (create, touch, rotate): the
 * bench checks that an authenticated GET writes nothing.
 */
export function countSessionWrites(storage: Storage): { storage: Storage; writes: () => number } {
  const s = storage.sessions;
  let writes = 0;
  const sessions: SessionStore = {
    create: (login) => {
      writes += 1;
      return s.create(login);
    },
    touch: (id, at) => {
      writes += 1;
      return s.touch(id, at);
    },
    rotate: (hash, next) => {
      writes += 1;
      return s.rotate(hash, next);
    },
    findBySessionHash: (hash) => s.findBySessionHash(hash),
    findById: (id) => s.findById(id),
    findByAuthTokenHash: (hash) => s.findByAuthTokenHash(hash),
    delete: (id) => s.delete(id),
    deleteForUser: (userId, exceptId) => s.deleteForUser(userId, exceptId),
    listForUser: (userId) => s.listForUser(userId),
    deleteExpired: (now, absoluteMs, idleMs) => s.deleteExpired(now, absoluteMs, idleMs),
  };
  // Every other store as it is: a store added later is passed through without a change here.
  const counted: Storage = {
    ...storage,
    sessions,
    health: () => storage.health(),
    close: () => storage.close(),
  };
  return { storage: counted, writes: () => writes };
}
