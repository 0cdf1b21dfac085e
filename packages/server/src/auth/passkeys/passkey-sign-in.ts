import type { PasskeyAuthenticationCredential } from '@proofsheet/protocol';
import type { AuditLog, RequestMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import type { Clock } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { type LoginThrottle, throttledError } from '../login-throttle.js';
import type { AssertionOutcome, Passkeys } from './passkeys.js';
import type { RelyingParty } from './relying-party.js';

export interface PasskeySignInDeps {
  passkeys: Passkeys;
  audit: AuditLog;
  clock: Clock;
  /** Counts failed answers per credential and IP, as sign-ins count wrong passwords (namespace `passkey`). */
  throttle: LoginThrottle;
}

/**
 * A passwordless sign-in: the user a passkey's assertion names, when it verifies; else 401
 * `passkey_invalid`, the same for an unknown passkey as for a bad signature, or 429 while
 * throttled. Failures of a known passkey go into its studio's log; an unknown one has no studio.
 */
export async function signInWithPasskey(
  deps: PasskeySignInDeps,
  credential: PasskeyAuthenticationCredential,
  rp: RelyingParty,
  meta: RequestMeta,
): Promise<UserRecord> {
  let refused: AssertionOutcome | null = null;
  const outcome = await deps.throttle.guess(credential.id, meta.ip, deps.clock.now(), async () => {
    const checked = await deps.passkeys.verifyAssertion(credential, rp, { purpose: 'sign_in' });
    if (checked.status === 'right') return checked.user;
    refused = checked;
    return null;
  });
  if (outcome.status === 'right') return outcome.value;
  if (outcome.status === 'throttled')
    throw throttledError(outcome.waitMs, 'Too many failed passkey sign-ins');
  const failure = refused as AssertionOutcome | null;
  if (failure?.status === 'wrong' && failure.user) {
    await deps.audit.record(
      meta,
      userEvent('sign_in.failed', failure.user, { reason: failure.reason, method: 'passkey' }),
    );
  }
  throw new AppError('passkey_invalid');
}
