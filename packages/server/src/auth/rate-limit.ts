import { HEADERS } from '@proofsheet/protocol';
import type { FastifyReply } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { CounterStore } from '../storage/ports/counter-store.js';

const WINDOW_MS = 60_000;

/** One limit: a key and how many requests it may make per minute. */
export interface Limit {
  key: string;
  max: number;
  /** Named in the 429 message, e.g. "this session". */
  label: string;
}

/** What a request left of a limit it was counted against, for the headers. */
export interface LimitState {
  limit: Limit;
  remaining: number;
  resetAt: Date;
}

/**
 * Fixed-window limits on counters from the storage layer (memory on one instance, Redis on
 * several). Counts one request against `limit`; over it, throws 429 with `Retry-After`. The
 * count is one atomic increment, so of concurrent requests exactly `max` pass.
 */
export async function chargeLimit(
  counters: CounterStore,
  limit: Limit,
  now: Date,
): Promise<LimitState> {
  const { count, resetAt } = await counters.increment(`rl:${limit.key}`, WINDOW_MS, now);
  if (count > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    throw new AppError(
      'rate_limited',
      `Rate limit of ${limit.max} requests per minute for ${limit.label} exceeded; retry in ${retryAfter} s`,
      undefined,
      {
        [HEADERS.retryAfter]: String(retryAfter),
        [HEADERS.rateLimitLimit]: String(limit.max),
        [HEADERS.rateLimitRemaining]: '0',
        [HEADERS.rateLimitReset]: String(retryAfter),
        [HEADERS.rateLimitPolicy]: `${limit.max};w=${WINDOW_MS / 1000}`,
      },
    );
  }
  return { limit, remaining: Math.max(0, limit.max - count), resetAt };
}

/** Sets the IETF `RateLimit-*` headers of the tightest of the limits a request passed. */
export function setRateLimitHeaders(
  reply: FastifyReply,
  states: readonly LimitState[],
  now: Date,
): void {
  let tightest: LimitState | null = null;
  for (const state of states)
    if (!tightest || state.remaining < tightest.remaining) tightest = state;
  if (!tightest) return;
  const reset = Math.max(0, Math.ceil((tightest.resetAt.getTime() - now.getTime()) / 1000));
  reply.header(HEADERS.rateLimitLimit, String(tightest.limit.max));
  reply.header(HEADERS.rateLimitRemaining, String(tightest.remaining));
  reply.header(HEADERS.rateLimitReset, String(reset));
  reply.header(HEADERS.rateLimitPolicy, `${tightest.limit.max};w=${WINDOW_MS / 1000}`);
}
