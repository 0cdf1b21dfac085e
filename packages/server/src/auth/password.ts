import argon2 from 'argon2';
import type { HashPool } from './hash-pool.js';

/**
 * OWASP's minimum for argon2id: 19 MiB, two passes, one lane. The argon2 binding hashes on
 * libuv's thread pool, off the event loop.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes and verifies passwords through a {@link HashPool}. */
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(private readonly pool: HashPool) {}

  hash(password: string): Promise<string> {
    return this.pool.run(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  /**
   * Verifies a password. With no hash (unknown email) it verifies against a dummy hash, so that
   * both cases cost one hash and take the same time: no account enumeration by timing.
   */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const target = hash ?? (await this.dummyHash());
    const ok = await this.pool.run(() => argon2.verify(target, password).catch(() => false));
    return hash !== null && ok;
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= argon2.hash('proofsheet-dummy-password', ARGON2_OPTIONS);
    return this.dummy;
  }
}
