import type { PasswordHasher, ServerModules } from '../server-modules.js';

/**
 * The baselines verify passwords with the server's own argon2id settings, through a pool as
 * wide as libuv's default thread pool (4): what calling argon2 directly gives.
 */
export function baselineHasher(server: ServerModules): PasswordHasher {
  const pool = new server.HashPool(4, 100_000);
  return new server.PasswordHasher(pool);
}
