import type { TokenRefusal } from './single-use-token.js';
import type { UserRecord } from './user-store.js';

/** A change of a user's address, waiting for the link sent to the new one; by token hash. */
export interface EmailChangeRecord {
  tokenHash: string;
  userId: string;
  newEmail: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Why a token could not be used. */
export type EmailChangeRefusal = TokenRefusal;

/** The outcome of confirming a change: the user before and after, or why not. */
export type EmailChangeOutcome =
  | { ok: true; before: UserRecord; after: UserRecord }
  | { ok: false; reason: EmailChangeRefusal }
  /** Another user signs in with the new address (since the link was sent); nothing changed. */
  | { ok: false; reason: 'email_taken' };

export interface EmailChangeStore {
  /**
   * Saves a pending change; earlier pending changes of the user stop working (the newest link
   * alone confirms, so an address typed wrong once cannot be confirmed later).
   */
  create(change: EmailChangeRecord): Promise<void>;
  /** The token's change, used or expired or not. */
  find(tokenHash: string): Promise<EmailChangeRecord | null>;
  /**
   * Uses the token up and gives its user the new address (verified at `now`), at once: of
   * concurrent calls with one token, one changes the address. A removed user is `unknown`.
   */
  confirm(tokenHash: string, now: Date): Promise<EmailChangeOutcome>;
  /** Deletes every change that expired by `before`, used or not. Returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
