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
  const counted: Storage = {
    capabilities: storage.capabilities,
    accounts: storage.accounts,
    users: storage.users,
    sessions,
    clients: storage.clients,
    notifications: storage.notifications,
    collections: storage.collections,
    galleries: storage.galleries,
    photos: storage.photos,
    favorites: storage.favorites,
    comments: storage.comments,
    blobs: storage.blobs,
    downloads: storage.downloads,
    shareLinks: storage.shareLinks,
    visitors: storage.visitors,
    collectionAccess: storage.collectionAccess,
    collectionDefaults: storage.collectionDefaults,
    watermarks: storage.watermarks,
    outbox: storage.outbox,
    passwordResets: storage.passwordResets,
    invitations: storage.invitations,
    jobs: storage.jobs,
    counters: storage.counters,
    health: () => storage.health(),
    close: () => storage.close(),
  };
  return { storage: counted, writes: () => writes };
}
