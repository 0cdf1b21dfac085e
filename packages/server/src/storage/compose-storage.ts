import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { type Clock, type Random, systemClock, systemRandom } from '../deps.js';
import { fileBlobStore } from './blobs/file-blob-store.js';
import { cachedClientStore } from './client-cache.js';
import { memoryCounterStore } from './memory-counters.js';
import { memoryLockStore } from './memory-locks.js';
import type { BlobStore } from './ports/blob-store.js';
import type { JobQueue } from './ports/job-queue.js';
import type { Storage } from './ports/storage.js';
import type { JobQueueOptions } from './queue/queue-options.js';
import { sqlJobQueue } from './queue/sql-job-queue.js';
import { redisCounterStore } from './redis/counter-store.js';
import { redisLockStore } from './redis/lock-store.js';
import { closeRedis, type RedisClient } from './redis/redis-client.js';
import { type RedisSessionStoreOptions, redisSessionStore } from './redis/session-store.js';
import { cachedSessionStore } from './session-cache.js';
import { sqlAccountStore } from './sql/accounts.js';
import { sqlAuditStore } from './sql/audit-events.js';
import { readClientVersion } from './sql/client-versions.js';
import { sqlClientStore } from './sql/clients.js';
import { sqlCollectionAccessStore } from './sql/collection-access.js';
import { sqlCollectionDefaultsStore } from './sql/collection-defaults.js';
import { sqlCollectionStore } from './sql/collections.js';
import { sqlCommentStore } from './sql/comments.js';
import { sqlDownloadStore } from './sql/downloads.js';
import { sqlEmailChangeStore } from './sql/email-changes.js';
import { sqlFavoriteStore } from './sql/favorites.js';
import { sqlGalleryStore } from './sql/galleries.js';
import { sqlInvitationStore } from './sql/invitations.js';
import { sqlNotificationStore } from './sql/notifications.js';
import { sqlOutboxStore } from './sql/outbox.js';
import { sqlPasskeyStore } from './sql/passkeys.js';
import { sqlPasswordResetStore } from './sql/password-resets.js';
import { sqlPhotoStore } from './sql/photos.js';
import { sqlSessionStore } from './sql/sessions.js';
import { sqlShareLinkStore } from './sql/share-links.js';
import { sqlSignUpStore } from './sql/sign-ups.js';
import { sqlTwoFactorStore } from './sql/two-factor.js';
import { sqlUserStore } from './sql/users.js';
import { sqlVisitorStore } from './sql/visitors.js';
import { sqlWatermarkStore } from './sql/watermarks.js';
import type { SqlConnection } from './sql-connection.js';

/** A Redis connection for sessions and counters; the storage closes it with the database. */
export interface RedisBacking extends RedisSessionStoreOptions {
  client: RedisClient & Pick<Redis, 'quit' | 'disconnect'>;
}

export interface ComposeStorageOptions {
  /**
   * This process alone writes the database, so sessions and client lists may be cached in
   * process, exactly. Say so only of a database no other process writes (one server on its own
   * SQLite file). @default the connection's `private` (SQLite `:memory:`)
   */
  exclusive?: boolean;
  /**
   * Sessions and counters in Redis, shared by every instance: instances are several, so the
   * storage is not exclusive. Without it, sessions are SQL and counters stay in memory.
   */
  redis?: RedisBacking;
  /**
   * Where photo bytes go (`create-blob-store.ts` picks it). Without one, files in a fresh
   * temporary directory that closing the storage removes: for tests and one-off commands.
   */
  blobs?: BlobStore;
  /**
   * The job queue (`create-job-queue.ts` picks it). Without one, the `jobs` table of this
   * connection, on `clock` and `random`.
   */
  jobs?: JobQueue;
  /** For the default job queue's leases and backoff. @default the system's */
  clock?: Clock;
  random?: Random;
  /** The default job queue's settings. @default the queue's defaults, polling every 50 ms */
  queue?: JobQueueOptions;
}

/**
 * The one place that wires stores: every SQL store over the connection; sessions in SQL or
 * Redis; counters and locks in memory or Redis; the in-process caches, as far as the storage's
 * exclusivity allows; capabilities, health and close. Takes ownership of the connection and of
 * the Redis client.
 *
 * Client lists are always cached: against this process's writes alone when exclusive, else
 * also against the database's client version, which every instance's client writes move on.
 * Sessions are cached only when exclusive: a cache hears of this process's logouts only.
 */
export function composeStorage(
  connection: SqlConnection,
  options: ComposeStorageOptions = {},
): Storage {
  const { db } = connection;
  const { redis } = options;
  if (redis && options.exclusive) {
    throw new Error('Storage with Redis serves several instances: it cannot be exclusive');
  }
  const exclusive = !redis && (options.exclusive ?? connection.private);
  const scratch = options.blobs ? null : mkdtempSync(join(tmpdir(), 'proofsheet-blobs-'));
  const blobs = options.blobs ?? fileBlobStore(scratch as string);
  const jobs =
    options.jobs ??
    sqlJobQueue(db, {
      clock: options.clock ?? systemClock,
      random: options.random ?? systemRandom,
      // Short polls: this default serves tests and one-off commands, which should not wait.
      pollIntervalMs: 50,
      ...options.queue,
    });
  return {
    capabilities: { exclusive },
    accounts: sqlAccountStore(db),
    users: sqlUserStore(db),
    sessions: redis
      ? redisSessionStore(redis.client, redis)
      : exclusive
        ? cachedSessionStore(sqlSessionStore(db))
        : sqlSessionStore(db),
    clients: cachedClientStore(
      sqlClientStore(db),
      exclusive ? null : (accountId) => readClientVersion(db, accountId),
    ),
    notifications: sqlNotificationStore(db),
    collections: sqlCollectionStore(db),
    galleries: sqlGalleryStore(db),
    photos: sqlPhotoStore(db),
    favorites: sqlFavoriteStore(db),
    comments: sqlCommentStore(db),
    blobs,
    downloads: sqlDownloadStore(db),
    shareLinks: sqlShareLinkStore(db),
    visitors: sqlVisitorStore(db),
    collectionAccess: sqlCollectionAccessStore(db),
    collectionDefaults: sqlCollectionDefaultsStore(db),
    watermarks: sqlWatermarkStore(db),
    outbox: sqlOutboxStore(db),
    passwordResets: sqlPasswordResetStore(db),
    twoFactor: sqlTwoFactorStore(db),
    passkeys: sqlPasskeyStore(db),
    auditEvents: sqlAuditStore(db),
    invitations: sqlInvitationStore(db),
    signUps: sqlSignUpStore(db),
    emailChanges: sqlEmailChangeStore(db),
    jobs,
    counters: redis ? redisCounterStore(redis.client, redis) : memoryCounterStore(),
    locks: redis ? redisLockStore(redis.client, redis) : memoryLockStore(),
    async health() {
      const [database, cache, blobHealth] = await Promise.all([
        connection.ping(),
        redis?.client.ping().then(
          () => true,
          () => false,
        ),
        blobs.health().catch(() => ({ blobs: false })),
      ]);
      const checks: Record<string, boolean> = { [connection.name]: database, ...blobHealth };
      if (cache !== undefined) checks.redis = cache;
      return checks;
    },
    async close() {
      // A queue that cannot stop cleanly (pg-boss's pool already gone) must not keep the
      // database open: closing goes on.
      await jobs.stop().catch(() => {});
      const closed = await Promise.allSettled([
        connection.close(),
        redis ? closeRedis(redis.client) : null,
      ]);
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      const failed = closed.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
