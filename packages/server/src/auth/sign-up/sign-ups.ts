import type { SignUpRequest } from '@proofsheet/protocol';
import type { AuditLog, RequestMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import type {
  NewStudio,
  PendingSignUpRecord,
  SignUpRefusal,
} from '../../storage/ports/sign-up-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { chargeEmailRequest } from '../email-request-throttle.js';
import type { PasswordHasher } from '../password.js';
import { requireStrongPassword } from '../password-rules.js';
import { usableToken } from '../usable-token.js';
import { newStudio } from './new-studio.js';

const REFUSALS: Record<SignUpRefusal, string> = {
  unknown: 'This sign-up link is not valid: sign up again',
  used: 'This sign-up link was used already: sign in instead',
  expired: 'This sign-up link expired: sign up again',
};

/** The 400 of a token that cannot be used, saying why. */
function refused(reason: SignUpRefusal): AppError {
  return new AppError('sign_up_token_invalid', REFUSALS[reason]);
}

export interface SignUpsContext {
  storage: Pick<Storage, 'users' | 'signUps' | 'jobs' | 'counters'>;
  config: Pick<Config, 'signUp' | 'passwordResetMaxIp' | 'passwordResetMaxAccount'>;
  clock: Clock;
  random: Random;
  passwords: PasswordHasher;
  audit: AuditLog;
}

/** Making a studio by signing up: asking for a link by email, and finishing with its token. */
export class SignUps {
  constructor(private readonly ctx: SignUpsContext) {}

  /** Whether this server takes sign-ups; the 403 `sign_up_closed` when it does not. */
  requireOpen(): void {
    if (this.ctx.config.signUp !== 'open') throw new AppError('sign_up_closed');
  }

  /**
   * Someone asked to make a studio with `body.email`. Throttled (as reset requests are), then
   * handed to a job that looks the address up and writes to it: the request does the same
   * work, in the same time, whether a user has the address or not, and never waits for mail.
   */
  async request(body: SignUpRequest, meta: RequestMeta, linkBase: string): Promise<void> {
    this.requireOpen();
    const { storage, config, clock } = this.ctx;
    await chargeEmailRequest(storage.counters, config, 'signup', body.email, meta.ip, clock.now());
    const payload = {
      email: body.email,
      studioName: body.studio_name.trim(),
      firstName: body.first_name.trim(),
      lastName: body.last_name.trim(),
      linkBase,
    };
    // One waiting job per address: a burst of requests makes one link, not a mailbox full.
    await storage.jobs.enqueue('signup.request', payload, {
      singletonKey: body.email.toLowerCase(),
    });
  }

  /** The sign-up a token names, if it can still be completed; else the 400 saying why. */
  async pending(token: string): Promise<PendingSignUpRecord> {
    this.requireOpen();
    const { signUps } = this.ctx.storage;
    const found = await usableToken(token, (h) => signUps.find(h), this.ctx.clock.now());
    if (typeof found === 'string') throw refused(found);
    return found;
  }

  /**
   * Finishes a sign-up: the token is used up and the studio made with its owner, in one
   * transaction. The password follows the rules of every new password (422 with advice; the
   * link still works). Returns the owner, to sign in.
   */
  async complete(token: string, password: string, meta: RequestMeta): Promise<UserRecord> {
    const { storage, clock, random, passwords, audit } = this.ctx;
    const signUp = await this.pending(token);
    requireStrongPassword(password, {
      email: signUp.email,
      firstName: signUp.firstName,
      lastName: signUp.lastName,
      studioName: signUp.studioName,
    });
    // Hash before using the token up: a hash pool that refuses (503) leaves the link working.
    const passwordHash = await passwords.hash(password);
    const now = clock.now();
    const outcome = await storage.signUps.complete(
      signUp.tokenHash,
      now,
      (s): NewStudio => newStudio({ ...s, passwordHash, now, random }),
    );
    if (!outcome.ok && outcome.reason === 'email_taken') {
      throw new AppError(
        'email_taken',
        'A user signs in with this email address already: sign in instead',
      );
    }
    if (!outcome.ok) throw refused(outcome.reason);
    await audit.record(meta, userEvent('signup.completed', outcome.owner));
    return outcome.owner;
  }
}
