import { HEADERS } from '@proofsheet/protocol';
import type { Config } from '../config/config.js';
import { AppError } from '../http/app-error.js';
import type { Charge, CounterStore } from '../storage/ports/counter-store.js';

const FAILURE_WINDOW_MS = 15 * 60_000;
const ACCOUNT_WINDOW_MS = 60 * 60_000;
const KNOWN_IP_MS = 30 * 24 * 60 * 60_000;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60_000;

/** Delay after the n-th failure past a threshold: 1 s, 2 s, 4 s … capped at 15 minutes. */
export function delayAfter(excess: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, excess - 1));
}

/** {@link delayAfter} as the list a counter store holds by: every delay up to the cap. */
const DELAYS_MS: readonly number[] = (() => {
  const delays = [delayAfter(1)];
  while (delays[delays.length - 1] !== MAX_DELAY_MS) delays.push(delayAfter(delays.length + 1));
  return delays;
})();

/** How a guess went: right (with what the check found), wrong, or refused before checking. */
export type GuessOutcome<T> =
  | { status: 'right'; value: T }
  | { status: 'wrong' }
  | { status: 'throttled'; waitMs: number };

/** The 429 of a refused guess, with `Retry-After`; `action` names what was tried. */
export function throttledError(waitMs: number, action: string): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('rate_limited', `${action}; try again in ${seconds} s`, undefined, {
    [HEADERS.retryAfter]: String(seconds),
  });
}

/**
 * Throttles failed logins, per IP and per account+IP with growing delays, and per account with a
 * soft limit: past it, an IP that has never signed in to the account is delayed after its first
 * failure, while IPs that have signed in before are not. So an attacker cannot lock the real
 * user out by failing on purpose.
 *
 * Each guess is reserved (counted as a failure) before its password is verified, in one atomic
 * step of the counter store, so however many arrive at once, no more are verified than the
 * limits allow. Past a limit, the one attempt a delay allows still sets the next delay even if
 * it turns out right: it was a guess until verified. A success takes its own count back from
 * the IP and the account and clears its account+IP pair's count and delay, never the IP's:
 * else one account of an attacker's own would reset the IP between guesses.
 */
export class LoginThrottle {
  /**
   * `namespace` keeps the counters of one kind of secret apart from another's: `login` for
   * sign-ins (by email), `share` for share-link and collection passwords (by link).
   */
  constructor(
    private readonly counters: CounterStore,
    private readonly config: Pick<
      Config,
      'loginMaxFailuresIp' | 'loginMaxFailuresAccountIp' | 'loginSoftLimitAccount'
    >,
    private readonly namespace = 'login',
  ) {}

  /**
   * Runs `check` (which verifies a password: a value when right, null when wrong) only if the
   * guess could be reserved, and records how it went. `email` names whose secret is guessed:
   * the account's email, or, in the `share` namespace, the link's id.
   */
  async guess<T>(
    email: string,
    ip: string,
    now: Date,
    check: () => Promise<T | null>,
  ): Promise<GuessOutcome<T>> {
    const waitMs = await this.reserve(email, ip, now);
    if (waitMs > 0) return { status: 'throttled', waitMs };
    let value: T | null;
    try {
      value = await check();
    } catch (error) {
      // Report what failed, not a second failure of the same storage while giving the guess back.
      await this.cancel(email, ip).catch(() => {});
      throw error;
    }
    // A wrong guess was counted by its reservation already.
    if (value === null) return { status: 'wrong' };
    await this.recordSuccess(email, ip, now);
    return { status: 'right', value };
  }

  /** Reserves one guess before its password is verified: 0, or milliseconds to wait. */
  private async reserve(email: string, ip: string, now: Date): Promise<number> {
    const keys = this.keys(email, ip);
    // Read first: only a success marks an IP known, so a race can only make it look unfamiliar.
    const known = await this.counters.isMarked(keys.known, now);
    const charges: Charge[] = [
      {
        key: keys.ip,
        windowMs: FAILURE_WINDOW_MS,
        hold: { key: keys.blockIp, limit: this.config.loginMaxFailuresIp },
      },
      {
        key: keys.accountIp,
        windowMs: FAILURE_WINDOW_MS,
        hold: {
          key: keys.blockAccountIp,
          limit: this.config.loginMaxFailuresAccountIp,
          // Under attack: unfamiliar IPs get delays from their first failure.
          ...(known
            ? {}
            : {
                tighten: { key: keys.account, over: this.config.loginSoftLimitAccount, limit: 0 },
              }),
        },
      },
      { key: keys.account, windowMs: ACCOUNT_WINDOW_MS },
    ];
    const reservation = await this.counters.reserve(charges, DELAYS_MS, now);
    return reservation.granted ? 0 : Math.max(1, reservation.retryAt.getTime() - now.getTime());
  }

  /** The reserved guess was right. */
  private async recordSuccess(email: string, ip: string, now: Date): Promise<void> {
    const keys = this.keys(email, ip);
    await Promise.all([
      this.counters.release(keys.ip),
      this.counters.release(keys.account),
      this.counters.reset(keys.accountIp),
      this.counters.reset(keys.blockAccountIp),
      this.counters.mark(keys.known, new Date(now.getTime() + KNOWN_IP_MS), now),
    ]);
  }

  /** The reserved guess was never judged (storage or the hash pool failed): it is not a failure. */
  private async cancel(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await Promise.all([
      this.counters.release(keys.ip),
      this.counters.release(keys.accountIp),
      this.counters.release(keys.account),
    ]);
  }

  private keys(email: string, ip: string) {
    const account = email.toLowerCase();
    const ns = this.namespace;
    return {
      ip: `${ns}:fail:ip:${ip}`,
      accountIp: `${ns}:fail:pair:${account}:${ip}`,
      account: `${ns}:fail:account:${account}`,
      blockIp: `${ns}:block:ip:${ip}`,
      blockAccountIp: `${ns}:block:pair:${account}:${ip}`,
      known: `${ns}:known:${account}:${ip}`,
    };
  }
}
