import type { Config } from '../config/config.js';
import type { CounterStore } from '../storage/ports.js';

const FAILURE_WINDOW_MS = 15 * 60_000;
const ACCOUNT_WINDOW_MS = 60 * 60_000;
const KNOWN_IP_MS = 30 * 24 * 60 * 60_000;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60_000;

/** Delay after the n-th failure past a threshold: 1 s, 2 s, 4 s … capped at 15 minutes. */
export function delayAfter(excess: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, excess - 1));
}

/**
 * Throttles failed logins, per IP and per account+IP with growing delays, and per account with a
 * soft limit: past it, an IP that has never signed in to the account is delayed after its first
 * failure, while IPs that have signed in before are not. So an attacker cannot lock the real
 * user out by failing on purpose. A success clears its account+IP pair's count and delay, never
 * the IP's: else one account of an attacker's own would reset the IP between guesses.
 */
export class LoginThrottle {
  constructor(
    private readonly counters: CounterStore,
    private readonly config: Pick<
      Config,
      'loginMaxFailuresIp' | 'loginMaxFailuresAccountIp' | 'loginSoftLimitAccount'
    >,
  ) {}

  /** Milliseconds to wait before this attempt may run, or 0. */
  async waitBefore(email: string, ip: string, now: Date): Promise<number> {
    const keys = this.keys(email, ip);
    let wait = 0;
    for (const key of [keys.blockIp, keys.blockAccountIp]) {
      const block = await this.counters.get(key, now);
      if (block) wait = Math.max(wait, block.resetAt.getTime() - now.getTime());
    }
    return wait;
  }

  async recordFailure(email: string, ip: string, now: Date): Promise<void> {
    const keys = this.keys(email, ip);
    const ipFailures = await this.counters.increment(keys.ip, FAILURE_WINDOW_MS, now);
    const pairFailures = await this.counters.increment(keys.accountIp, FAILURE_WINDOW_MS, now);
    const accountFailures = await this.counters.increment(keys.account, ACCOUNT_WINDOW_MS, now);

    const ipExcess = ipFailures.count - this.config.loginMaxFailuresIp;
    if (ipExcess > 0) {
      await this.counters.mark(keys.blockIp, new Date(now.getTime() + delayAfter(ipExcess)), now);
    }
    let pairThreshold = this.config.loginMaxFailuresAccountIp;
    if (
      accountFailures.count > this.config.loginSoftLimitAccount &&
      !(await this.counters.isMarked(keys.known, now))
    ) {
      // Under attack: unfamiliar IPs get delays from their first failure.
      pairThreshold = 0;
    }
    const pairExcess = pairFailures.count - pairThreshold;
    if (pairExcess > 0) {
      await this.counters.mark(
        keys.blockAccountIp,
        new Date(now.getTime() + delayAfter(pairExcess)),
        now,
      );
    }
  }

  async recordSuccess(email: string, ip: string, now: Date): Promise<void> {
    const keys = this.keys(email, ip);
    await Promise.all([
      this.counters.reset(keys.accountIp),
      this.counters.reset(keys.blockAccountIp),
      this.counters.mark(keys.known, new Date(now.getTime() + KNOWN_IP_MS), now),
    ]);
  }

  private keys(email: string, ip: string) {
    const account = email.toLowerCase();
    return {
      ip: `login:fail:ip:${ip}`,
      accountIp: `login:fail:pair:${account}:${ip}`,
      account: `login:fail:account:${account}`,
      blockIp: `login:block:ip:${ip}`,
      blockAccountIp: `login:block:pair:${account}:${ip}`,
      known: `login:known:${account}:${ip}`,
    };
  }
}
