import { PATHS } from '@proofsheet/protocol';
import { AuditLog } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { queueMail } from '../../mail/queue-mail.js';
import { passwordResetMail } from '../../mail/templates/password-reset-mail.js';
import type { Storage } from '../../storage/ports/storage.js';
import { hashSecret, newSecret } from '../tokens.js';

export interface ResetJobContext {
  storage: Pick<Storage, 'users' | 'passwordResets' | 'outbox' | 'jobs' | 'auditEvents'>;
  config: Pick<Config, 'mail' | 'passwordResetLifetimeMs'>;
  clock: Clock;
  random: Random;
}

/**
 * Runs `password.reset` jobs: for an address an account has, a new single-use token (stored as
 * a hash), and the email with its link queued for the mail worker. An unknown address ends
 * here, with nothing written. A job run twice makes two links; either works, once.
 */
export async function startPasswordResetWorkers(
  ctx: ResetJobContext,
  options: { concurrency: number },
): Promise<void> {
  const audit = new AuditLog(ctx);
  await ctx.storage.jobs.work(
    'password.reset',
    async (job) => {
      const user = await ctx.storage.users.findByEmail(job.payload.email);
      if (!user) return;
      // Recorded here, not by the request: its answer and its time stay the same either way.
      // First, so that a log that cannot be written retries the job before any link is sent.
      const meta = { ip: job.payload.ip ?? null, userAgent: job.payload.userAgent ?? null };
      await audit.record(meta, userEvent('password.reset_requested', user));
      const now = ctx.clock.now();
      const token = newSecret(ctx.random);
      // Store only a hash of the token: a leaked table resets no password.
      await ctx.storage.passwordResets.create({
        tokenHash: hashSecret(token),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ctx.config.passwordResetLifetimeMs),
        usedAt: null,
      });
      const link = `${job.payload.linkBase}${PATHS.resetPassword}?token=${token}`;
      const mail = passwordResetMail({
        email: user.email,
        firstName: user.firstName,
        link,
        minutes: Math.round(ctx.config.passwordResetLifetimeMs / 60_000),
      });
      await queueMail(ctx, {
        accountId: user.accountId,
        kind: 'password_reset',
        to: user.email,
        ...mail,
      });
    },
    options,
  );
}
