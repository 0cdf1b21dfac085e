import { PATHS } from '@proofsheet/protocol';
import type { AuditLog, AuditMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import { NO_STUDIO, queueMail } from '../../mail/queue-mail.js';
import {
  emailChangeMail,
  emailChangeNoticeMail,
  emailTakenMail,
} from '../../mail/templates/email-change-mail.js';
import type {
  EmailChangeRecord,
  EmailChangeRefusal,
} from '../../storage/ports/email-change-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { hashSecret, newSecret } from '../tokens.js';
import { usableToken } from '../usable-token.js';

const REFUSALS: Record<EmailChangeRefusal, string> = {
  unknown: 'This confirmation link is not valid: ask for the change again',
  used: 'This confirmation link was used already, or a newer one was sent: use the newest',
  expired: 'This confirmation link expired: ask for the change again',
};

/** The 400 of a token that cannot be used, saying why. */
function refused(reason: EmailChangeRefusal): AppError {
  return new AppError('email_change_token_invalid', REFUSALS[reason]);
}

export interface EmailChangesContext {
  storage: Pick<Storage, 'users' | 'emailChanges' | 'passwordResets' | 'outbox' | 'jobs'>;
  config: Pick<Config, 'mail' | 'verificationLifetimeMs'>;
  clock: Clock;
  random: Random;
  audit: AuditLog;
}

/**
 * Changing the address a user signs in with: asked for with the password (checked by the
 * route), confirmed by a link sent to the new address, with a notice to the old one. Until the
 * link is opened the user signs in with the old address.
 */
export class EmailChanges {
  constructor(private readonly ctx: EmailChangesContext) {}

  /**
   * `user` asked to sign in with `email` from now on: the new address gets a link (or, when
   * another user has it, a note without one), the old one a notice. The answer is the same
   * either way, so this tells no one which addresses have accounts.
   */
  async request(user: UserRecord, email: string, meta: AuditMeta, linkBase: string) {
    const { storage, clock, random, config, audit } = this.ctx;
    if (email.toLowerCase() === user.email.toLowerCase()) {
      throw new AppError('validation_failed', 'This is your address already', {
        email: ['is your address already'],
      });
    }
    const holder = await storage.users.findByEmail(email);
    if (holder) {
      // Kept in the requester's studio only when the holder is its member too (its owners know
      // their members' addresses); else in no studio's outbox: the requester's owners learn
      // nothing of other accounts, and no request of one studio writes another's rows.
      const sameStudio = (await storage.users.findMember(user.accountId, holder.id)) !== null;
      const mail = emailTakenMail({ firstName: holder.firstName });
      await queueMail(this.ctx, {
        accountId: sameStudio ? user.accountId : NO_STUDIO,
        kind: 'email_change',
        to: email,
        ...mail,
      });
    } else {
      const now = clock.now();
      const token = newSecret(random);
      // Store only a hash of the token: a leaked table moves no account.
      await storage.emailChanges.create({
        tokenHash: hashSecret(token),
        userId: user.id,
        newEmail: email,
        createdAt: now,
        expiresAt: new Date(now.getTime() + config.verificationLifetimeMs),
        usedAt: null,
      });
      const mail = emailChangeMail({
        firstName: user.firstName,
        oldEmail: user.email,
        link: `${linkBase}${PATHS.confirmEmail}?token=${token}`,
        hours: Math.max(1, Math.round(config.verificationLifetimeMs / 3_600_000)),
      });
      await queueMail(this.ctx, {
        accountId: user.accountId,
        kind: 'email_change',
        to: email,
        ...mail,
      });
    }
    // The old address hears of it either way: a stolen session cannot move the account quietly.
    const notice = emailChangeNoticeMail({ firstName: user.firstName, newEmail: email });
    await queueMail(this.ctx, {
      accountId: user.accountId,
      kind: 'email_change_notice',
      to: user.email,
      ...notice,
    });
    await audit.record(meta, userEvent('email.change_requested', user, { email }));
  }

  /** The change a token names, if it can still be confirmed; else the 400 saying why. */
  async pending(token: string): Promise<EmailChangeRecord> {
    const { emailChanges } = this.ctx.storage;
    const found = await usableToken(token, (h) => emailChanges.find(h), this.ctx.clock.now());
    if (typeof found === 'string') throw refused(found);
    return found;
  }

  /**
   * Confirms a change with the token of the link sent to the new address: the token is used up
   * and the address swapped at once. Reset links sent to the old address stop working. Returns
   * the user with the new address.
   */
  async confirm(token: string, meta: AuditMeta): Promise<UserRecord> {
    const { storage, clock, audit } = this.ctx;
    const change = await this.pending(token);
    const now = clock.now();
    const outcome = await storage.emailChanges.confirm(change.tokenHash, now);
    if (!outcome.ok && outcome.reason === 'email_taken') {
      throw new AppError(
        'email_taken',
        'Another user signs in with this address now: nothing changed',
      );
    }
    if (!outcome.ok) throw refused(outcome.reason);
    // A reset link in the old mailbox would still let whoever reads it in: it stops working.
    await storage.passwordResets.retireForUser(outcome.after.id, now);
    await audit.record(
      meta,
      userEvent('email.changed', outcome.after, { email: outcome.after.email }),
    );
    return outcome.after;
  }
}
