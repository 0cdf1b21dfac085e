import type { AuditLog, AuditMeta, RequestMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import type { ResetRefusal } from '../../storage/ports/password-reset-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import { chargeEmailRequest } from '../email-request-throttle.js';
import type { PasswordHasher } from '../password.js';
import { requireStrongPassword } from '../password-rules.js';
import type { SessionService } from '../session-service.js';
import { usableToken } from '../usable-token.js';

const REFUSALS: Record<ResetRefusal, string> = {
  unknown: 'This password reset link is not valid: ask for a new one',
  used: 'This password reset link was used already: ask for a new one',
  expired: 'This password reset link expired: ask for a new one',
};

/** The 400 of a token that cannot be used, saying why. */
function refused(reason: ResetRefusal): AppError {
  return new AppError('reset_token_invalid', REFUSALS[reason]);
}

export interface PasswordResetsContext {
  storage: Pick<
    Storage,
    'accounts' | 'users' | 'passwordResets' | 'twoFactor' | 'jobs' | 'counters'
  >;
  config: Pick<Config, 'passwordResetMaxIp' | 'passwordResetMaxAccount'>;
  clock: Clock;
  random: Random;
  passwords: PasswordHasher;
  sessions: SessionService;
  audit: AuditLog;
}

/** Password reset by email: asking for a link, and setting a new password with its token. */
export class PasswordResets {
  constructor(private readonly ctx: PasswordResetsContext) {}

  /**
   * Someone asked for a reset link for `email`. Throttled, then handed to a job that looks the
   * account up and writes to it: the request does the same work, in the same time, whether an
   * account has the address or not, and never waits for mail.
   */
  async request(email: string, meta: RequestMeta, linkBase: string): Promise<void> {
    const { storage, config, clock } = this.ctx;
    await chargeEmailRequest(storage.counters, config, 'reset', email, meta.ip, clock.now());
    const key = email.toLowerCase();
    // The job audits the request (it alone knows whether the address has an account); a burst
    // that makes one job, and one link, is one event.
    const payload = { email: key, linkBase, ip: meta.ip, userAgent: meta.userAgent };
    // One waiting job per address: a burst of requests makes one link, not a mailbox full.
    await storage.jobs.enqueue('password.reset', payload, { singletonKey: key });
  }

  /**
   * Sets a new password with a reset token: the token is used up, the password changed, and
   * every sign-in of the user ended (sessions and auth tokens), with every other reset link.
   * Returns how many sign-ins ended.
   */
  async confirm(token: string, password: string, meta: AuditMeta): Promise<number> {
    const { storage, clock, passwords, sessions, audit } = this.ctx;
    const found = await usableToken(token, (h) => storage.passwordResets.find(h), clock.now());
    if (typeof found === 'string') throw refused(found);
    const { tokenHash } = found;
    // The token's user, read once: consuming the same row below cannot name another.
    const user = await storage.users.findById(found.userId);
    if (!user) throw refused('unknown');
    const account = await storage.accounts.findById(user.accountId);
    requireStrongPassword(password, { ...user, studioName: account?.name ?? null });
    // Hash before using the token up: a hash pool that refuses (503) leaves the link working.
    const passwordHash = await passwords.hash(password);
    const consumed = await storage.passwordResets.consume(tokenHash, clock.now());
    if (!consumed.ok) throw refused(consumed.reason);
    await storage.users.updatePasswordHash(user.id, passwordHash);
    // Whoever knew the old password, or held a session, is out: every sign-in ends.
    const revoked = await sessions.revokeAll(user.id);
    await storage.passwordResets.retireForUser(user.id, clock.now());
    // A sign-in half done with the old password must not finish with a code after the reset.
    await storage.twoFactor.deleteChallengesOf(user.id);
    await audit.record(
      meta,
      userEvent('password.reset', user, { revoked_sessions: revoked, method: 'reset_link' }),
    );
    return revoked;
  }
}
