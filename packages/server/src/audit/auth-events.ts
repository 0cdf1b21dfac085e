/**
 * The audit entries of sign-in and session events, built in one place so that the auth routes
 * record each with one call and every route words the same event alike.
 */
import type { AuditDetail, AuditEventType, MfaMethod } from '@proofsheet/protocol';
import type { AuditEntry } from './audit-log.js';

/** A user as events name them: who, in which studio. */
interface Someone {
  id: string;
  accountId: string;
}

/** A login (sign-in) as events name it. */
interface Login {
  id: string;
  userId: string;
  accountId: string;
}

/** A wrong password, for `recordForEmail`: the studio is the address's, if any. */
export const SIGN_IN_FAILED = {
  type: 'sign_in.failed',
  detail: { reason: 'wrong_password', method: 'password' },
} as const satisfies Omit<AuditEntry, 'accountId' | 'userId'>;

/** A sign-in refused before the password was even checked: too many failures. */
export const SIGN_IN_THROTTLED = {
  type: 'sign_in.throttled',
  detail: { reason: 'too_many_failures', method: 'password' },
} as const satisfies Omit<AuditEntry, 'accountId' | 'userId'>;

/** An event the user did themselves. */
export function userEvent(
  type: AuditEventType,
  user: Someone,
  detail: AuditDetail = {},
): AuditEntry {
  return { accountId: user.accountId, type, userId: user.id, detail };
}

/**
 * How a sign-in proved who the user is: a password alone, a second factor after it, a passkey
 * alone; `studio_switch` is a signed-in user opening another of their studios.
 */
export type SignInMethod = 'password' | MfaMethod | 'studio_switch';

/**
 * A sign-in that started `loginId`: with a password alone, or completed with a second factor
 * (`totp`, `recovery_code`, `passkey`), or with a passkey alone (`passkey`).
 */
export function signedInEvent(
  user: Someone,
  loginId: string,
  method: SignInMethod = 'password',
): AuditEntry {
  return userEvent('sign_in.succeeded', user, { login_id: loginId, method });
}

/** An event of a login's own user; by default about that login. */
export function loginEvent(
  type: AuditEventType,
  login: Login,
  detail: AuditDetail = { login_id: login.id },
): AuditEntry {
  return { accountId: login.accountId, type, userId: login.userId, detail };
}
