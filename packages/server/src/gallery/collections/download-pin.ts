import type { ResourceContext } from '../../app-context.js';

/**
 * The hash a collection keeps of its download PIN, or `null` to clear it. The collection owns
 * the setting; checking a PIN at download time is the downloads' (`downloads/pin.ts`).
 */
export function hashDownloadPin(
  ctx: Pick<ResourceContext<never>, 'passwords'>,
  pin: string | null,
): Promise<string | null> {
  // Hashed like a password: four to eight digits are few, so a leaked table must cost a
  // brute force per collection at argon2's price, not a lookup.
  return pin === null ? Promise.resolve(null) : ctx.passwords.hash(pin);
}
