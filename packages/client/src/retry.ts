/**
 * The retry policy as data plus two pure functions: {@link shouldRetry} decides, and
 * {@link retryDelay} says how long to wait. The request loop owns the sleeping.
 */
import { serverRetryDelay } from './retry-after.js';

/** Randomness, injected so that tests get predictable jitter. */
export interface Random {
  bytes(n: number): Uint8Array;
}

/** When and how often to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first included. `1` disables retries. */
  readonly limit: number;
  /** Statuses worth another attempt. */
  readonly statusCodes: readonly number[];
  /**
   * Statuses that prove the server did not act on the request, so that a POST may be sent
   * again: a 429 is refused before the handler runs, a 503 before any work.
   */
  readonly unprocessedStatusCodes: readonly number[];
  /** Methods safe to repeat after a network error or a 502/504 (the server may have acted). */
  readonly idempotentMethods: readonly string[];
  /** The first backoff ceiling; each further attempt doubles it. */
  readonly baseDelayMs: number;
  /** The largest backoff ceiling. */
  readonly maxDelayMs: number;
  /** Give up rather than wait longer than this for a `Retry-After`. */
  readonly maxRetryAfterMs: number;
  /** Give up when the next attempt would start later than this after the first. */
  readonly maxElapsedMs: number;
}

/**
 * The default policy: 4 attempts on 408, 429, 502, 503, 504 and network errors, backoff from
 * 300 ms up to 10 s with full jitter, `Retry-After` up to 60 s, 60 s in all.
 *
 * @example
 * createClient({ studioUrl, galleryUrl, retry: { ...DEFAULT_RETRY_POLICY, limit: 2 } });
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  limit: 4,
  statusCodes: Object.freeze([408, 429, 502, 503, 504]),
  unprocessedStatusCodes: Object.freeze([429, 503]),
  idempotentMethods: Object.freeze(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']),
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  maxElapsedMs: 60_000,
});

/** What happened on the attempt that just finished. */
export interface RetryState {
  /** Which attempt finished, from 1. */
  attempt: number;
  method: string;
  /** The response status, or `null` when the request failed on the network. */
  status: number | null;
  /** The caller marked the request safe to repeat (e.g. a POST with an idempotency key). */
  idempotent: boolean;
  /** Milliseconds since the first attempt started. */
  elapsedMs: number;
  /** The wait {@link retryDelay} asks for before the next attempt. */
  delayMs: number;
}

/**
 * Whether to try again.
 *
 * @example
 * shouldRetry({ attempt: 1, method: 'POST', status: null, idempotent: false, elapsedMs: 5, delayMs: 300 }, DEFAULT_RETRY_POLICY); // false
 */
export function shouldRetry(state: RetryState, policy: RetryPolicy): boolean {
  if (state.attempt >= policy.limit) return false;
  if (state.delayMs > policy.maxRetryAfterMs) return false;
  if (state.elapsedMs + state.delayMs > policy.maxElapsedMs) return false;
  const repeatable = state.idempotent || policy.idempotentMethods.includes(state.method);
  if (state.status === null) return repeatable;
  if (!policy.statusCodes.includes(state.status)) return false;
  return repeatable || policy.unprocessedStatusCodes.includes(state.status);
}

/**
 * Milliseconds to wait before the attempt after `attempt`: the server's `Retry-After` or
 * `RateLimit-Reset` when it gave one, else exponential backoff with full jitter (a uniform
 * draw between 0 and the ceiling, so that many clients do not retry in step).
 *
 * @example
 * retryDelay(1, { status: 429, headers: new Headers({ 'retry-after': '2' }) }, DEFAULT_RETRY_POLICY, { now: new Date(), random }); // 2000
 */
export function retryDelay(
  attempt: number,
  response: { status: number; headers: Headers } | null,
  policy: RetryPolicy,
  env: { now: Date; random: Random },
): number {
  if (response) {
    const server = serverRetryDelay(response.headers, response.status, env.now);
    if (server !== null) return server;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(unitInterval(env.random) * ceiling);
}

/** A uniform draw from [0, 1). */
export function unitInterval(random: Random): number {
  const bytes = random.bytes(4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0) / 2 ** 32;
}
