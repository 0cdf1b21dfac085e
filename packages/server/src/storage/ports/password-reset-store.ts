/** A password reset token, known by its hash alone. */
export interface PasswordResetRecord {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

import type { TokenRefusal } from './single-use-token.js';

/** Why a token could not be used. */
export type ResetRefusal = TokenRefusal;

export interface PasswordResetStore {
  create(reset: PasswordResetRecord): Promise<void>;
  /** The token's record, used or expired or not. */
  find(tokenHash: string): Promise<PasswordResetRecord | null>;
  /**
   * Marks the token used, atomically: of concurrent calls with one token, one gets the record
   * and the others a refusal. A used, expired or unknown token is refused, saying which.
   */
  consume(
    tokenHash: string,
    now: Date,
  ): Promise<{ ok: true; reset: PasswordResetRecord } | { ok: false; reason: ResetRefusal }>;
  /**
   * Marks every unused token of the user used (after a reset: older links stop working, and
   * say they were used rather than unknown). Returns how many.
   */
  retireForUser(userId: string, now: Date): Promise<number>;
  /** Deletes every token that expired by `before`, used or not. Returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
