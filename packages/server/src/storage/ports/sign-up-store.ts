import type { AccountRecord } from './account-store.js';
import type { TokenRefusal } from './single-use-token.js';
import type { UserRecord } from './user-store.js';

/** A sign-up waiting for its link to be opened, its token known by its hash alone. */
export interface PendingSignUpRecord {
  tokenHash: string;
  email: string;
  studioName: string;
  firstName: string;
  lastName: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Why a token could not be used. */
export type SignUpRefusal = TokenRefusal;

/** What completing a sign-up makes: the studio and its first owner. */
export interface NewStudio {
  account: AccountRecord;
  owner: UserRecord;
}

/** The outcome of completing a sign-up. */
export type SignUpOutcome =
  | ({ ok: true } & NewStudio)
  | { ok: false; reason: SignUpRefusal }
  /** A user signs in with the address already (made since the link was sent). */
  | { ok: false; reason: 'email_taken' };

/**
 * Sign-ups, and making a studio with its owner in one transaction: a completed sign-up does
 * it, and so does the `create-studio` command through `createStudio`.
 */
export interface SignUpStore {
  create(signUp: PendingSignUpRecord): Promise<void>;
  /** The token's sign-up, used or expired or not. */
  find(tokenHash: string): Promise<PendingSignUpRecord | null>;
  /**
   * Uses the token up and makes its studio and owner, in one transaction: of concurrent calls
   * with one token, one makes a studio and the others are refused; an address taken meanwhile
   * leaves nothing made and the link unspent. `make` gets the sign-up and returns the studio.
   */
  complete(
    tokenHash: string,
    now: Date,
    make: (signUp: PendingSignUpRecord) => NewStudio,
  ): Promise<SignUpOutcome>;
  /**
   * Makes a studio and its owner in one transaction; `null` (and nothing made) when the
   * owner's address is taken.
   */
  createStudio(studio: NewStudio): Promise<NewStudio | null>;
  /**
   * Makes a studio owned by an existing user (who keeps their other studios), in one
   * transaction; returns them as its owner, or `null` (and nothing made) when they were
   * removed meanwhile.
   */
  openStudio(account: AccountRecord, ownerId: string, now: Date): Promise<UserRecord | null>;
  /** Deletes every sign-up that expired by `before`, used or not. Returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
