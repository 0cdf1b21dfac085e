/**
 * Every store the server needs, each an interface with use-case verbs in a file of its own
 * beside this one. A missing row returns `null`; no store throws for "not found". Which
 * implementation stands behind each (SQLite, PostgreSQL, Redis, memory) is decided once, in
 * `create-storage.ts`, and wired in `compose-storage.ts`.
 */
import type { AccountStore } from './account-store.js';
import type { AuditStore } from './audit-store.js';
import type { BlobStore } from './blob-store.js';
import type { ClientStore } from './client-store.js';
import type { CollectionAccessStore } from './collection-access-store.js';
import type { CollectionDefaultsStore } from './collection-defaults-store.js';
import type { CollectionStore } from './collection-store.js';
import type { CommentStore } from './comment-store.js';
import type { CounterStore } from './counter-store.js';
import type { DownloadStore } from './download-store.js';
import type { EmailChangeStore } from './email-change-store.js';
import type { FavoriteStore } from './favorite-store.js';
import type { GalleryStore } from './gallery-store.js';
import type { InvitationStore } from './invitation-store.js';
import type { JobQueue } from './job-queue.js';
import type { LockStore } from './lock-store.js';
import type { NotificationStore } from './notification-store.js';
import type { OutboxStore } from './outbox-store.js';
import type { PasskeyStore } from './passkey-store.js';
import type { PasswordResetStore } from './password-reset-store.js';
import type { PhotoStore } from './photo-store.js';
import type { SessionStore } from './session-store.js';
import type { ShareLinkStore } from './share-link-store.js';
import type { SignUpStore } from './sign-up-store.js';
import type { TwoFactorStore } from './two-factor-store.js';
import type { UserStore } from './user-store.js';
import type { VisitorStore } from './visitor-store.js';
import type { WatermarkStore } from './watermark-store.js';

/** What the storage guarantees, for the code that may build on it. */
export interface StorageCapabilities {
  /**
   * This process is the only writer of sessions and clients (SQLite without Redis), so
   * in-process caches of them stay exact without asking the database. False wherever other
   * instances may write.
   */
  exclusive: boolean;
}

/** Every store, plus lifecycle. */
export interface Storage {
  capabilities: StorageCapabilities;
  accounts: AccountStore;
  users: UserStore;
  sessions: SessionStore;
  clients: ClientStore;
  notifications: NotificationStore;
  collections: CollectionStore;
  galleries: GalleryStore;
  photos: PhotoStore;
  /** Favorites lists and the photos in them (proofing). */
  favorites: FavoriteStore;
  /** Comments on photos. */
  comments: CommentStore;
  /** Photo originals and their sizes, by content hash. */
  blobs: BlobStore;
  /** Every download of the Gallery API, for the studio's tracking endpoints. */
  downloads: DownloadStore;
  /** Share links of collections. */
  shareLinks: ShareLinkStore;
  /** Share-link visitors and their sessions. */
  visitors: VisitorStore;
  /** Who has access to a collection, and when they last used it. */
  collectionAccess: CollectionAccessStore;
  /** What new collections start with, per account. */
  collectionDefaults: CollectionDefaultsStore;
  watermarks: WatermarkStore;
  /** Every email the server sends, with its status. */
  outbox: OutboxStore;
  /** Password reset tokens, by hash. */
  passwordResets: PasswordResetStore;
  /** Authenticator apps, recovery codes and pending second steps of sign-in. */
  twoFactor: TwoFactorStore;
  /** WebAuthn passkeys and their single-use challenges. */
  passkeys: PasskeyStore;
  /** Each studio's security events (sign-ins, password changes, …). */
  auditEvents: AuditStore;
  /** Invitations to join an account, tokens by hash. */
  invitations: InvitationStore;
  /** Sign-ups waiting for their link, and making a studio with its owner. */
  signUps: SignUpStore;
  /** Changes of address waiting for the new address's link, by token hash. */
  emailChanges: EmailChangeStore;
  /**
   * Background jobs (photo processing). Here rather than beside the storage because the queue
   * lives in the same database (a table of it, or pg-boss in the same PostgreSQL), is picked
   * from the same configuration, and must be stopped before the database closes: `close()`
   * stops it first, waiting a moment for the jobs running.
   */
  jobs: JobQueue;
  counters: CounterStore;
  /**
   * Leases that keep two requests from writing one tus upload at once: in Redis, across
   * instances, when it is configured; in this process's memory otherwise. Optional only so
   * that storages wrapped by hand elsewhere (the bench's) still type-check: absent, the tus
   * routes lock in memory, as for one instance.
   */
  locks?: LockStore;
  /** Which dependencies are reachable, for `/readyz`. */
  health(): Promise<Record<string, boolean>>;
  close(): Promise<void>;
}
