import { hashSecret, secretsEqual } from '../../auth/tokens.js';

/**
 * What a visitor session remembers of the collection password it was opened with: a hash of
 * the password's hash. Setting a new password changes the stamp, so every visitor must enter
 * the new one; the stamp itself tells nothing about the password.
 */
export function passwordStamp(passwordHash: string | null): string | null {
  return passwordHash === null
    ? null
    : hashSecret(`proofsheet:collection-password:${passwordHash}`);
}

/**
 * Whether a session opened with `stamp` may see a collection now: one without a password
 * always; one with a password only if the session's stamp is that password's. A collection
 * marked protected with no password stored (from before passwords were stored) opens to none.
 */
export function passwordEntered(
  collection: { passwordProtected: boolean; passwordHash: string | null },
  stamp: string | null,
): boolean {
  if (!collection.passwordProtected && collection.passwordHash === null) return true;
  const current = passwordStamp(collection.passwordHash);
  // Constant-time compare: the stamp is derived from a secret.
  return current !== null && stamp !== null && secretsEqual(current, stamp);
}
