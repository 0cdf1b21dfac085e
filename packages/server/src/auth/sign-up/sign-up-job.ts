import { PATHS } from '@proofsheet/protocol';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { NO_STUDIO, queueMail } from '../../mail/queue-mail.js';
import { alreadySignedUpMail, signUpMail } from '../../mail/templates/sign-up-mail.js';
import type { Storage } from '../../storage/ports/storage.js';
import { hashSecret, newSecret } from '../tokens.js';

export interface SignUpJobContext {
  storage: Pick<Storage, 'users' | 'signUps' | 'outbox' | 'jobs'>;
  config: Pick<Config, 'mail' | 'verificationLifetimeMs'>;
  clock: Clock;
  random: Random;
}

/**
 * Runs `signup.request` jobs: for a free address, a pending sign-up with a single-use token
 * (stored as a hash) and the email with its link; for an address a user has, a note saying
 * so, with where to sign in. Nothing is a user until the link is opened. A job run twice makes
 * two links; either works, once.
 */
export async function startSignUpWorkers(
  ctx: SignUpJobContext,
  options: { concurrency: number },
): Promise<void> {
  await ctx.storage.jobs.work(
    'signup.request',
    async (job) => {
      const { email, studioName, firstName, lastName, linkBase } = job.payload;
      const user = await ctx.storage.users.findByEmail(email);
      if (user) {
        const mail = alreadySignedUpMail({
          firstName: user.firstName,
          signInLink: `${linkBase}${PATHS.login}`,
          resetLink: `${linkBase}${PATHS.forgotPassword}`,
        });
        await queueMail(ctx, {
          accountId: user.accountId,
          kind: 'sign_up',
          to: user.email,
          ...mail,
        });
        return;
      }
      const now = ctx.clock.now();
      const token = newSecret(ctx.random);
      // Store only a hash of the token: a leaked table makes no studio.
      await ctx.storage.signUps.create({
        tokenHash: hashSecret(token),
        email,
        studioName,
        firstName,
        lastName,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ctx.config.verificationLifetimeMs),
        usedAt: null,
      });
      const mail = signUpMail({
        firstName,
        studioName,
        link: `${linkBase}${PATHS.completeSignUp}?token=${token}`,
        hours: Math.max(1, Math.round(ctx.config.verificationLifetimeMs / 3_600_000)),
      });
      await queueMail(ctx, { accountId: NO_STUDIO, kind: 'sign_up', to: email, ...mail });
    },
    options,
  );
}
