/** Where a code is used: the Studio API or the Gallery API. */
export type TotpAudience = 'studio' | 'gallery';

/** A user's authenticator app: its secret, sealed (never stored in the clear). */
export interface TotpFactorRecord {
  userId: string;
  /** The shared secret, encrypted with the server's key and bound to the user (`secret-box.ts`). */
  sealedSecret: string;
  createdAt: Date;
  /** When the first code proved the app holds the secret; `null` while set-up is pending. */
  confirmedAt: Date | null;
  /**
   * Per API, the newest 30-second step a code was accepted for: older and equal steps are
   * refused there. Per API, so that one code signs a person in to both the Studio and the
   * Gallery API (as `proofsheet login` does), and still never twice to either.
   */
  lastSteps: Record<TotpAudience, number>;
}

/** A sign-in whose password was right, waiting for its second factor; known by its hash. */
export interface MfaChallengeRecord {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Wrong codes given with this token so far. */
  failures: number;
}

/**
 * Second factors: the TOTP secret per user, hashed single-use recovery codes, and pending
 * second steps of sign-in. Every change that must not race is one conditional statement.
 */
export interface TwoFactorStore {
  findTotp(userId: string): Promise<TotpFactorRecord | null>;
  /**
   * Starts (or restarts) a set-up. Refused (`false`) when the user already has a confirmed
   * app: replacing it would disable the factor without the checks that disabling needs.
   */
  startTotp(factor: TotpFactorRecord): Promise<boolean>;
  /**
   * Confirms a pending set-up at `step` (used up on both APIs) and replaces the user's recovery codes with
   * `codeHashes`, in one transaction. `false` when there was no pending set-up (confirmed
   * meanwhile, or removed).
   */
  confirmTotp(
    userId: string,
    step: number,
    now: Date,
    codeHashes: readonly string[],
  ): Promise<boolean>;
  /**
   * Records that a code for `step` was used on `audience`, if no code for that step or a
   * later one was there: one conditional update, so a code replayed in parallel is accepted
   * once.
   */
  useTotpStep(userId: string, step: number, audience: TotpAudience): Promise<boolean>;
  /** Removes the app and every recovery code. Returns whether an app was there. */
  removeTotp(userId: string): Promise<boolean>;
  /** Replaces every recovery code of the user. */
  replaceRecoveryCodes(userId: string, codeHashes: readonly string[], now: Date): Promise<void>;
  /** Marks an unused code used; `true` for the one caller that did. */
  useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  /** Unused recovery codes of the user. */
  countRecoveryCodes(userId: string): Promise<number>;

  createChallenge(challenge: MfaChallengeRecord): Promise<void>;
  findChallenge(tokenHash: string): Promise<MfaChallengeRecord | null>;
  /** Counts a wrong code against the challenge; returns the failures after it. */
  failChallenge(tokenHash: string): Promise<number>;
  /** Deletes the challenge; `true` for the one caller that did (the sign-in it completes). */
  consumeChallenge(tokenHash: string): Promise<boolean>;
  /** Deletes every challenge of the user (a password change, a factor removed). */
  deleteChallengesOf(userId: string): Promise<number>;
  /** Deletes challenges that expired by `before`. Returns how many. */
  deleteExpiredChallenges(before: Date): Promise<number>;
}
