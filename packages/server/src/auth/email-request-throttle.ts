import type { Config } from '../config/config.js';
import type { CounterStore } from '../storage/ports/counter-store.js';
import { throttledError } from './login-throttle.js';

const WINDOW_MS = 60 * 60_000;

/** Requests that mail an address whoever asks: each kind is counted apart, under one rule. */
export type EmailRequestKind = 'reset' | 'signup';

const REFUSALS: Record<EmailRequestKind, string> = {
  reset: 'Too many password reset requests',
  signup: 'Too many sign-up requests',
};

/**
 * Counts a request that sends mail (a reset link, a sign-up link) against its IP and its email
 * address, each in an hour's window, and refuses (429 with `Retry-After`) past either limit.
 * The address is counted whether an account has it or not, so a refusal says nothing about
 * who has an account; and an inbox gets a few messages an hour at most, however many IPs ask.
 */
export async function chargeEmailRequest(
  counters: CounterStore,
  config: Pick<Config, 'passwordResetMaxIp' | 'passwordResetMaxAccount'>,
  kind: EmailRequestKind,
  email: string,
  ip: string,
  now: Date,
): Promise<void> {
  const [byIp, byAccount] = await Promise.all([
    counters.increment(`${kind}:ip:${ip}`, WINDOW_MS, now),
    counters.increment(`${kind}:account:${email.toLowerCase()}`, WINDOW_MS, now),
  ]);
  const over = [
    byIp.count > config.passwordResetMaxIp ? byIp.resetAt.getTime() : 0,
    byAccount.count > config.passwordResetMaxAccount ? byAccount.resetAt.getTime() : 0,
  ];
  const until = Math.max(...over);
  if (until > 0) throw throttledError(until - now.getTime(), REFUSALS[kind]);
}
