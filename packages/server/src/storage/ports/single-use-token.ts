/** What every single-use, expiring token's record has (reset, sign-up, email change). */
export interface SingleUseToken {
  expiresAt: Date;
  usedAt: Date | null;
}

/** Why a single-use token could not be used. */
export type TokenRefusal = 'unknown' | 'used' | 'expired';

/** Why `found` cannot be used at `now` (`unknown` when there is none), or null when it can. */
export function tokenRefusal(found: SingleUseToken | null, now: Date): TokenRefusal | null {
  if (!found) return 'unknown';
  if (found.usedAt !== null) return 'used';
  return found.expiresAt <= now ? 'expired' : null;
}
