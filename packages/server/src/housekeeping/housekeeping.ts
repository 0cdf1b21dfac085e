import type { Config } from '../config/config.js';
import type { Clock } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';

/** What one pass deleted. */
export interface HousekeepingReport {
  /** Studio sessions past their lifetime or idle timeout (0 on Redis, which expires its own). */
  sessions: number;
  /** Share-link visitor sessions past their lifetime. */
  visitorSessions: number;
  /** Password reset tokens a day past their expiry (until then a late click says "expired"). */
  resetTokens: number;
  /** Sign-up and email-change tokens a day past their expiry, kept as long as reset tokens. */
  verificationTokens: number;
  /** Queued emails whose delivery job was lost (the process stopped in between), queued again. */
  requeuedMail: number;
  /** Second steps of sign-in never completed. */
  mfaChallenges: number;
  /** Audit events older than `PROOFSHEET_AUDIT_RETENTION`. */
  auditEvents: number;
  /** Invitations never accepted, a month past their expiry or withdrawal. */
  invitations: number;
  /** WebAuthn challenges handed out and never answered. */
  passkeyChallenges: number;
}

/** How long an expired reset token is kept, so that its link says "expired", not "unknown". */
const RESET_TOKEN_KEPT_MS = 24 * 60 * 60 * 1000;
/**
 * How long an invitation that can no longer be accepted stays listed (as expired or revoked),
 * so that owners see what became of it, and its link says why it does not work.
 */
export const STALE_INVITATION_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
/** An email queued this long ago and never tried is taken for stranded. */
const STRANDED_MAIL_MS = 15 * 60 * 1000;
/** Stranded emails queued again per pass. */
const REQUEUE_BATCH = 500;

export interface HousekeepingContext {
  storage: Pick<
    Storage,
    | 'sessions'
    | 'visitors'
    | 'passwordResets'
    | 'signUps'
    | 'emailChanges'
    | 'outbox'
    | 'jobs'
    | 'twoFactor'
    | 'auditEvents'
    | 'invitations'
    | 'passkeys'
  >;
  clock: Clock;
  config: Pick<Config, 'sessionLifetimeMs' | 'sessionIdleMs' | 'auditRetentionMs'>;
}

/**
 * Deletes the sessions, reset tokens, pending second steps and invitations that can no longer
 * be used and the audit events past their retention, and queues again the emails whose job was lost. An
 * expired session is already refused at the next request; without this pass its row would stay for good, and a studio that runs for years would keep
 * every sign-in and every visit it ever had.
 */
export async function sweepExpired(ctx: HousekeepingContext): Promise<HousekeepingReport> {
  const now = ctx.clock.now();
  const kept = new Date(now.getTime() - RESET_TOKEN_KEPT_MS);
  const [
    sessions,
    visitorSessions,
    resetTokens,
    signUps,
    emailChanges,
    requeuedMail,
    mfaChallenges,
    auditEvents,
    invitations,
    passkeyChallenges,
  ] = await Promise.all([
    ctx.storage.sessions.deleteExpired(now, ctx.config.sessionLifetimeMs, ctx.config.sessionIdleMs),
    ctx.storage.visitors.deleteExpiredSessions(now),
    ctx.storage.passwordResets.deleteExpired(kept),
    ctx.storage.signUps.deleteExpired(kept),
    ctx.storage.emailChanges.deleteExpired(kept),
    requeueStranded(ctx, now),
    ctx.storage.twoFactor.deleteExpiredChallenges(now),
    ctx.storage.auditEvents.deleteOlderThan(new Date(now.getTime() - ctx.config.auditRetentionMs)),
    ctx.storage.invitations.deleteStale(new Date(now.getTime() - STALE_INVITATION_KEPT_MS)),
    ctx.storage.passkeys.deleteExpiredChallenges(now),
  ]);
  return {
    sessions,
    visitorSessions,
    resetTokens,
    verificationTokens: signUps + emailChanges,
    requeuedMail,
    mfaChallenges,
    auditEvents,
    invitations,
    passkeyChallenges,
  };
}

/**
 * Enqueues delivery again for emails still queued long after they were kept. A job that is
 * still waiting (in its backoff, say) has the message's ID as its singleton key, so this adds
 * none beside it; and the mail worker sends only what is still queued.
 */
async function requeueStranded(ctx: HousekeepingContext, now: Date): Promise<number> {
  const ids = await ctx.storage.outbox.listStranded(
    new Date(now.getTime() - STRANDED_MAIL_MS),
    REQUEUE_BATCH,
  );
  for (const id of ids) {
    await ctx.storage.jobs.enqueue('mail.send', { messageId: id }, { singletonKey: id });
  }
  return ids.length;
}

/** How the periodic pass reports. */
export interface HousekeepingOptions {
  intervalMs: number;
  onReport(report: HousekeepingReport): void;
  onError(error: unknown): void;
}

/**
 * Runs {@link sweepExpired} now and every `intervalMs`; returns a function that stops it.
 * Every instance may run it: the deletes are idempotent, and one that finds nothing costs an
 * indexed read. A pass still running when the next is due is not doubled.
 */
export function startHousekeeping(
  ctx: HousekeepingContext,
  options: HousekeepingOptions,
): () => void {
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    sweepExpired(ctx)
      .then(options.onReport, options.onError)
      .finally(() => {
        running = false;
      });
  };
  pass();
  const timer = setInterval(pass, options.intervalMs);
  // The pass must not keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}
