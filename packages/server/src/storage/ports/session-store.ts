import type { Role } from '@proofsheet/protocol';

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
