import type { Config } from '../../config/config.js';
import type { CounterStore } from '../../storage/ports/counter-store.js';
import { throttledError } from '../login-throttle.js';

const WINDOW_MS = 60 * 60_000;

/**
 * Counts a reset request against its IP and its email address, each in an hour's window, and
 * refuses (429 with `Retry-After`) past either limit. The address is counted whether an
 * account has it or not, so a refusal says nothing about who has an account; and a victim's
 * inbox gets a few links an hour at most, however many IPs ask.
 */
export async function chargeResetRequest(
  counters: CounterStore,
  config: Pick<Config, 'passwordResetMaxIp' | 'passwordResetMaxAccount'>,
  email: string,
  ip: string,
  now: Date,
): Promise<void> {
  const [byIp, byAccount] = await Promise.all([
    counters.increment(`reset:ip:${ip}`, WINDOW_MS, now),
    counters.increment(`reset:account:${email.toLowerCase()}`, WINDOW_MS, now),
  ]);
  const over = [
    byIp.count > config.passwordResetMaxIp ? byIp.resetAt.getTime() : 0,
    byAccount.count > config.passwordResetMaxAccount ? byAccount.resetAt.getTime() : 0,
  ];
  const until = Math.max(...over);
  if (until > 0) throw throttledError(until - now.getTime(), 'Too many password reset requests');
}
