/**
 * The stores the server needs, as interfaces with use-case verbs. Implementations (SQLite,
 * PostgreSQL, Redis) are picked once in `create-storage.ts`. A missing row returns `null`;
 * nothing here throws for "not found".
 */
import type { AddressInfo, ClientType, NotificationType, Role } from '@proofsheet/protocol';

/** An account: one studio and everyone who works for it or buys from it. */
export interface AccountRecord {
  id: string;
  name: string;
  subdomain: string;
  plan: string;
  timezone: string;
  currency: string;
  locale: string;
  createdAt: Date;
}

export interface UserRecord {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

export interface AccountStore {
  create(account: AccountRecord): Promise<void>;
  findById(id: string): Promise<AccountRecord | null>;
  /** The first account created: the one a fresh install's demo data goes into. */
  findFirst(): Promise<AccountRecord | null>;
}

export interface UserStore {
  /** Creates a user; `null` when the email is taken. */
  create(user: UserRecord): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** Emails are matched case-insensitively. */
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Users of an account with the given emails (for sharing collections). */
  findByEmails(accountId: string, emails: readonly string[]): Promise<UserRecord[]>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  count(): Promise<number>;
}

/**
 * One sign-in ("login"): the current session of that sign-in and the auth token that can renew
 * it. Only SHA-256 hashes of the session id and of the tokens are stored.
 */
export interface LoginRecord {
  /** Public id (`lg_…`), shown in the user's session list. */
  id: string;
  userId: string;
  accountId: string;
  role: Role;
  sessionHash: string;
  /** When the current session was issued: its absolute lifetime counts from here. */
  sessionCreatedAt: Date;
  /** Last recorded activity, written at most once a minute: the idle window counts from here. */
  lastSeenAt: Date;
  authTokenHash: string;
  authTokenExpiresAt: Date;
  /** When the sign-in happened. */
  createdAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** What a refresh swaps in. */
export interface LoginRotation {
  sessionHash: string;
  authTokenHash: string;
  authTokenExpiresAt: Date;
  now: Date;
}

/** The outcome of presenting an auth token for rotation. */
export type RotateResult =
  /** The token was current: the login now holds the new session and token. */
  | { kind: 'rotated'; login: LoginRecord }
  /** The token was used before, at `retiredAt`; the login is returned if it still exists. */
  | { kind: 'reused'; login: LoginRecord | null; retiredAt: Date }
  /** No login knows the token, or it expired. */
  | { kind: 'unknown' };

export interface SessionStore {
  create(login: LoginRecord): Promise<void>;
  findBySessionHash(sessionHash: string): Promise<LoginRecord | null>;
  findById(id: string): Promise<LoginRecord | null>;
  /** The login whose current auth token has this hash, expired or not. */
  findByAuthTokenHash(authTokenHash: string): Promise<LoginRecord | null>;
  /** Records activity; callers throttle it so that it is not a write per request. */
  touch(id: string, lastSeenAt: Date): Promise<void>;
  /**
   * Atomically swaps the login holding `authTokenHash` to a new session and token, and retires
   * the old token hash (kept until the old token would have expired, to detect reuse).
   */
  rotate(authTokenHash: string, next: LoginRotation): Promise<RotateResult>;
  /** Ends one login (its session and auth token). Returns whether it existed. */
  delete(id: string): Promise<boolean>;
  /** Ends every login of a user but `exceptId`. Returns how many ended. */
  deleteForUser(userId: string, exceptId?: string): Promise<number>;
  listForUser(userId: string): Promise<LoginRecord[]>;
  /** Removes logins whose session and auth token have both expired, and old retired tokens. */
  deleteExpired(now: Date, sessionAbsoluteMs: number, sessionIdleMs: number): Promise<number>;
}

export interface ClientRecord {
  id: string;
  accountId: string;
  email: string | null;
  firstName: string;
  lastName: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  address: AddressInfo;
  notes: string | null;
  avatarColor: number;
  status: 1 | 2;
  type: ClientType;
  sample: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClientQuery {
  accountId: string;
  types: readonly ClientType[] | null;
  /** Matched against names, email, company and phone, case-insensitively. */
  search?: string;
  offset: number;
  limit: number;
  /** The total, when the caller knows it is unchanged (a cache): the store skips counting. */
  total?: number;
}

export type ClientChanges = Partial<
  Omit<ClientRecord, 'id' | 'accountId' | 'createdAt' | 'sample'>
> & { updatedAt: Date };

export interface ClientStore {
  create(client: ClientRecord): Promise<void>;
  /** Creates all of them in one transaction, or none (imports and bulk seeding). */
  createMany(clients: readonly ClientRecord[]): Promise<void>;
  findById(accountId: string, id: string): Promise<ClientRecord | null>;
  /**
   * One page, newest first, and the total matching. `version`, when the store can tell (the
   * client cache), names the state of the account's clients the result is current for: the
   * same query at the same version has the same result, so callers may reuse what they made
   * of it.
   */
  list(query: ClientQuery): Promise<{ items: ClientRecord[]; total: number; version?: string }>;
  update(accountId: string, id: string, changes: ClientChanges): Promise<ClientRecord | null>;
  delete(accountId: string, id: string): Promise<boolean>;
}

export interface NotificationRecord {
  id: string;
  accountId: string;
  type: NotificationType;
  title: string;
  message: string;
  subject: Record<string, string | number>;
  readAt: Date | null;
  createdAt: Date;
}

export interface NotificationStore {
  create(notification: NotificationRecord): Promise<void>;
  /** Newest first. */
  list(
    accountId: string,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<{ items: NotificationRecord[]; total: number; unread: number }>;
  markRead(accountId: string, id: string, at: Date): Promise<NotificationRecord | null>;
  markAllRead(accountId: string, at: Date): Promise<number>;
}

export interface CollectionRecord {
  id: number;
  accountId: string;
  name: string;
  description: string | null;
  passwordProtected: boolean;
  downloadable: boolean;
  expiryDate: string | null;
  /** User ids of the gallery clients it is shared with. */
  sharedWith: string[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What a gallery client may see, for reads made on their behalf; the studio (owner, assistant)
 * reads without one and sees everything. With it a store answers as that client sees things:
 * only collections shared with them and not past their expiry date; in those, no private
 * gallery, counted or listed; and of favorites, only their own.
 */
export interface GalleryClientScope {
  userId: string;
  /**
   * Today's date (`YYYY-MM-DD`) where the studio is. A collection whose `expiryDate` is before
   * it has expired: it is visible through its expiry date and hidden from the midnight after.
   */
  today: string;
}

/** A collection with the counts derived from its galleries and shares. */
export interface CollectionView extends CollectionRecord {
  /** Of the galleries the reader may see: without private ones in a gallery client's scope. */
  galleryCount: number;
  photoCount: number;
  videoCount: number;
  /** Emails of the users in `sharedWith`. */
  sharedWithEmails: string[];
}

export type CollectionChanges = Partial<
  Pick<
    CollectionRecord,
    'name' | 'description' | 'passwordProtected' | 'downloadable' | 'expiryDate' | 'sharedWith'
  >
> & { updatedAt: Date };

export interface CollectionStore {
  /** `false` when the id is taken (the caller draws another). */
  create(collection: CollectionRecord): Promise<boolean>;
  /** `visibleTo`: read as that gallery client sees it; `null` if they may not see it at all. */
  findById(
    accountId: string,
    id: number,
    visibleTo?: GalleryClientScope,
  ): Promise<CollectionView | null>;
  /** Newest first; `visibleTo` leaves out, from the page and the total, what they may not see. */
  list(
    accountId: string,
    options: { visibleTo?: GalleryClientScope; offset: number; limit: number },
  ): Promise<{ items: CollectionView[]; total: number }>;
  update(accountId: string, id: number, changes: CollectionChanges): Promise<CollectionView | null>;
  /** Deletes the collection and its galleries in one transaction. */
  delete(accountId: string, id: number): Promise<boolean>;
}

export interface GalleryRecord {
  id: number;
  collectionId: number;
  accountId: string;
  name: string;
  description: string | null;
  photoCount: number;
  videoCount: number;
  private: boolean;
  download: boolean;
  /** Favorites by everyone; in a gallery client's scope, 1 if they favorited it, else 0. */
  favoriteCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type GalleryChanges = Partial<
  Pick<GalleryRecord, 'name' | 'description' | 'photoCount' | 'videoCount' | 'private' | 'download'>
> & { updatedAt: Date };

export interface GalleryStore {
  /** `false` when the id is taken. */
  create(gallery: GalleryRecord): Promise<boolean>;
  findById(accountId: string, collectionId: number, id: number): Promise<GalleryRecord | null>;
  /**
   * A gallery by its id alone, for routes that do not name its collection. With `visibleTo`,
   * here and in `listForCollection`, as that gallery client sees it: no private gallery, and
   * only their own favorite counted. Its collection is not checked: read that with the same
   * scope from `CollectionStore`.
   */
  findInAccount(
    accountId: string,
    id: number,
    visibleTo?: GalleryClientScope,
  ): Promise<GalleryRecord | null>;
  listForCollection(
    accountId: string,
    collectionId: number,
    visibleTo?: GalleryClientScope,
  ): Promise<GalleryRecord[]>;
  update(
    accountId: string,
    collectionId: number,
    id: number,
    changes: GalleryChanges,
  ): Promise<GalleryRecord | null>;
  delete(accountId: string, collectionId: number, id: number): Promise<boolean>;
  /** Records a favorite by a user; `false` if they had already favorited it. */
  addFavorite(accountId: string, galleryId: number, userId: string, at: Date): Promise<boolean>;
}

/** A counter that {@link CounterStore.reserve} charges one attempt to. */
export interface Charge {
  key: string;
  /** The fixed window the first charge starts. */
  windowMs: number;
  /** The hold that attempts past a limit set; absent: the counter is only counted. */
  hold?: HoldRule;
}

/** When a charged counter sets its hold, which then refuses every reservation naming it. */
export interface HoldRule {
  key: string;
  /** Attempts the window allows freely; each one past it is granted and sets the hold. */
  limit: number;
  /** A lower `limit` while the counter `key`, charged in the same reservation, is above `over`. */
  tighten?: { key: string; over: number; limit: number };
}

/** The answer of {@link CounterStore.reserve}. */
export type Reservation = { granted: true } | { granted: false; retryAt: Date };

/** A fixed-window counter, for rate limits and login throttling. */
export interface CounterStore {
  /** Adds one to `key` in the window of `windowMs` and returns the count and when it resets. */
  increment(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }>;
  get(key: string, now: Date): Promise<{ count: number; resetAt: Date } | null>;
  reset(key: string): Promise<void>;
  /**
   * Sets `key` to expire at `until` (a marker, e.g. "this IP has signed in before"). `now` is
   * the caller's clock, for stores that expire keys by a TTL (Redis).
   */
  mark(key: string, until: Date, now: Date): Promise<void>;
  isMarked(key: string, now: Date): Promise<boolean>;
  /**
   * In one atomic step: refuses if any charge's hold is live (changing nothing, `retryAt` the
   * latest end), else adds one to every charge's counter and sets the hold of each counter now
   * past its limit for `holdsMs[excess - 1]` (the last entry repeats). So concurrent attempts
   * can never all pass a check made before any of them is counted.
   */
  reserve(charges: readonly Charge[], holdsMs: readonly number[], now: Date): Promise<Reservation>;
  /** Takes one back from a live counter (a reserved attempt that proved harmless); never below 0. */
  release(key: string): Promise<void>;
}

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
  counters: CounterStore;
  /** Which dependencies are reachable, for `/readyz`. */
  health(): Promise<Record<string, boolean>>;
  close(): Promise<void>;
}
