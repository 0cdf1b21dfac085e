/** A user's WebAuthn credential: what verifying its assertions needs, and its list entry. */
export interface PasskeyRecord {
  /** Our own ID (`pk_…`), the one the API shows; the credential ID stays inside the server. */
  id: string;
  userId: string;
  /**
   * The studio the passkey was added in, for the record. A passkey is its person's, like their
   * password: lists and changes go by user alone, whichever of their studios is open.
   */
  accountId: string;
  /** The authenticator's credential ID, base64url: unique on the whole server. */
  credentialId: string;
  /** The COSE public key, base64url. Public: a leaked table signs nothing in. */
  publicKey: string;
  /** The signature counter last seen; an assertion must move it forward (else it is a clone). */
  counter: number;
  transports: readonly string[];
  name: string;
  /** Whether the authenticator said the passkey is synced (its backup flag). */
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** What a WebAuthn challenge was handed out for. */
export type PasskeyChallengePurpose = 'registration' | 'second_factor' | 'sign_in';

/**
 * A challenge given to a browser, known by its hash: it works once, before `expiresAt`, for the
 * purpose and the subject it was made for.
 */
export interface PasskeyChallengeRecord {
  challengeHash: string;
  purpose: PasskeyChallengePurpose;
  /** The user adding a passkey, or the pending sign-in's user; null for passwordless sign-in. */
  userId: string | null;
  /** The pending sign-in (its token's hash) a second-step challenge belongs to; else null. */
  mfaTokenHash: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Passkeys and their short-lived challenges. A missing row is `null` or `false`, never an error;
 * each change that must not race is one conditional statement.
 */
export interface PasskeyStore {
  /** Adds a passkey; `false` when its credential ID is registered already (to anyone). */
  create(passkey: PasskeyRecord): Promise<boolean>;
  /** The user's passkeys, oldest first. */
  listForUser(userId: string): Promise<PasskeyRecord[]>;
  countForUser(userId: string): Promise<number>;
  findByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /** Renames one of the user's passkeys; `null` when the user has none of that ID. */
  rename(userId: string, id: string, name: string): Promise<PasskeyRecord | null>;
  /** Removes one of the user's passkeys; whether it was there. */
  remove(userId: string, id: string): Promise<boolean>;
  /**
   * Records a verified assertion: the counter moves from `from` to `to` and `lastUsedAt` is set,
   * only if the counter still is `from`. `false` when another assertion moved it meanwhile: of
   * two replays of one signature, one signs in.
   */
  recordUse(id: string, from: number, to: number, now: Date): Promise<boolean>;

  createChallenge(challenge: PasskeyChallengeRecord): Promise<void>;
  /**
   * Deletes the challenge and returns it, if it had not expired by `now`; `null` otherwise (an
   * expired one is deleted too). The one caller that gets it may use it: single use.
   */
  consumeChallenge(challengeHash: string, now: Date): Promise<PasskeyChallengeRecord | null>;
  /** Deletes challenges that expired by `before`. Returns how many. */
  deleteExpiredChallenges(before: Date): Promise<number>;
}
