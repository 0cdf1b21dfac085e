import type { Config } from '../config/config.js';
import type { Clock } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';

/** What one pass deleted. */
export interface HousekeepingReport {
  /** Studio sessions past their lifetime or idle timeout (0 on Redis, which expires its own). */
  sessions: number;
  /** Share-link visitor sessions past their lifetime. */
  visitorSessions: number;
}

export interface HousekeepingContext {
  storage: Pick<Storage, 'sessions' | 'visitors'>;
  clock: Clock;
  config: Pick<Config, 'sessionLifetimeMs' | 'sessionIdleMs'>;
}

/**
 * Deletes the sessions that can no longer be used. An expired session is already refused at
 * the next request; without this pass its row would stay for good, and a studio that runs for
 * years would keep every sign-in and every visit it ever had.
 */
export async function sweepExpired(ctx: HousekeepingContext): Promise<HousekeepingReport> {
  const now = ctx.clock.now();
  const [sessions, visitorSessions] = await Promise.all([
    ctx.storage.sessions.deleteExpired(now, ctx.config.sessionLifetimeMs, ctx.config.sessionIdleMs),
    ctx.storage.visitors.deleteExpiredSessions(now),
  ]);
  return { sessions, visitorSessions };
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
