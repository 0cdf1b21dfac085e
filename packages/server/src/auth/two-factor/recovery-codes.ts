import type { Random } from '../../deps.js';
import { hashSecret } from '../tokens.js';

/** How many codes a user gets at a time. */
export const RECOVERY_CODE_COUNT = 10;

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
/** Ten characters of 31: about 49 bits each, far beyond what throttled guessing reaches. */
const LENGTH = 10;

function oneCode(random: Random): string {
  let out = '';
  while (out.length < LENGTH) {
    for (const byte of random.bytes(LENGTH * 2)) {
      // 248 = 31 * 8: bytes above it would favour the first letters.
      if (byte < 248 && out.length < LENGTH) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** New codes as the user sees them once (`xxxxx-xxxxx`). */
export function newRecoveryCodes(random: Random): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => oneCode(random));
}

/**
 * The stored form of a code: the hash of its letters alone, so that `K7P2M X9D4Q` typed from
 * paper matches `k7p2m-x9d4q`. Codes are random and long, so a fast hash is enough (as for
 * session tokens); a slow one would only help someone with the database, who has the rest too.
 */
export function recoveryCodeHash(code: string): string {
  return hashSecret(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}
