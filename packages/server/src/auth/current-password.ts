import { AppError } from '../http/app-error.js';
import type { UserRecord } from '../storage/ports/user-store.js';
import type { AuthContext } from './context.js';
import { throttledError } from './login-throttle.js';

/**
 * Checks the password a signed-in user typed again to change how they sign in (a new password,
 * a new address): a wrong one is a 422 on `field`, and guesses are throttled like sign-ins
 * (429), so a session left open cannot be used to find the password.
 */
export async function requireCurrentPassword(
  ctx: Pick<AuthContext, 'throttle' | 'passwords' | 'clock'>,
  user: UserRecord,
  password: string,
  ip: string,
  field: string,
): Promise<void> {
  const outcome = await ctx.throttle.guess(user.email, ip, ctx.clock.now(), async () =>
    (await ctx.passwords.verify(user.passwordHash, password)) ? user : null,
  );
  if (outcome.status === 'throttled') {
    throw throttledError(outcome.waitMs, 'Too many failed attempts');
  }
  if (outcome.status === 'wrong') {
    throw new AppError('validation_failed', 'The current password is wrong', {
      [field]: ['is wrong'],
    });
  }
}
