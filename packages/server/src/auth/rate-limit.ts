import { HEADERS } from '@proofsheet/protocol';
import type { FastifyReply } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { CounterStore } from '../storage/ports.js';

const WINDOW_MS = 60_000;

/** One limit: a key and how many requests it may make per minute. */
export interface Limit {
  key: string;
  max: number;
  /** Named in the 429 message, e.g. "this session". */
  label: string;
}

/**
 * Fixed-window limits on counters from the storage layer (memory on one instance, Redis on
 * several). Every response carries the IETF `RateLimit-*` headers of the tightest limit; over
 * a limit the request gets 429 with `Retry-After`.
 */
export async function enforceLimits(
  counters: CounterStore,
  limits: readonly Limit[],
  now: Date,
  reply: FastifyReply,
): Promise<void> {
  let tightest: { limit: Limit; remaining: number; resetAt: Date } | null = null;
  for (const limit of limits) {
    const { count, resetAt } = await counters.increment(`rl:${limit.key}`, WINDOW_MS, now);
    const remaining = Math.max(0, limit.max - count);
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
    if (!tightest || remaining < tightest.remaining) tightest = { limit, remaining, resetAt };
  }
  if (tightest) {
    const reset = Math.max(0, Math.ceil((tightest.resetAt.getTime() - now.getTime()) / 1000));
    reply.header(HEADERS.rateLimitLimit, String(tightest.limit.max));
    reply.header(HEADERS.rateLimitRemaining, String(tightest.remaining));
    reply.header(HEADERS.rateLimitReset, String(reset));
    reply.header(HEADERS.rateLimitPolicy, `${tightest.limit.max};w=${WINDOW_MS / 1000}`);
  }
}
