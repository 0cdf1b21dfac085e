import type { Random } from '../../deps.js';

/** How a job queue runs its jobs; both implementations take the same settings. */
export interface JobQueueOptions {
  /**
   * How long a claimed job is held without word from its worker. The table queue renews the
   * lease while the handler runs, so this bounds how long a vanished worker's job waits; pg-boss
   * cannot renew it, so there it must also exceed the longest run.
   * @default 300_000 (5 minutes)
   */
  leaseMs?: number;
  /** How often an idle worker looks for jobs. @default 1000 */
  pollIntervalMs?: number;
  /** The first retry's delay; each next one doubles, plus up to as much again of jitter. @default 5000 */
  retryDelayMs?: number;
  /** Runs of a job before it fails for good, the first included. @default 5 */
  maxAttempts?: number;
}

export type ResolvedJobQueueOptions = Required<JobQueueOptions>;

export const DEFAULT_JOB_QUEUE_OPTIONS: ResolvedJobQueueOptions = Object.freeze({
  leaseMs: 300_000,
  pollIntervalMs: 1000,
  retryDelayMs: 5000,
  maxAttempts: 5,
});

function whole(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number of at least ${min} (got ${value})`);
  }
  return value;
}

/** Defaults filled in and every value checked once. */
export function normalizeJobQueueOptions(options: JobQueueOptions = {}): ResolvedJobQueueOptions {
  const o = { ...DEFAULT_JOB_QUEUE_OPTIONS, ...options };
  return Object.freeze({
    leaseMs: whole('leaseMs', o.leaseMs, 1000),
    pollIntervalMs: whole('pollIntervalMs', o.pollIntervalMs, 1),
    retryDelayMs: whole('retryDelayMs', o.retryDelayMs, 0),
    maxAttempts: whole('maxAttempts', o.maxAttempts, 1),
  });
}

/**
 * How long to wait before the run after `attempt` (1 after the first run failed): the base
 * delay doubled for each attempt so far, plus up to as much again drawn from `random`, so
 * that jobs failing together (an outage) do not all come back at the same moment. pg-boss's
 * backoff has the same shape.
 */
export function retryDelay(attempt: number, baseMs: number, random: Random): number {
  const exponential = baseMs * 2 ** Math.min(16, Math.max(0, attempt - 1));
  const [a = 0, b = 0] = random.bytes(2);
  const jitter = ((a << 8) | b) / 65_536;
  return Math.round(exponential * (1 + jitter));
}
