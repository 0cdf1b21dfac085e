import type { PasswordHasher } from './auth/password.js';
import type { Config } from './config/config.js';
import type { Clock, Random } from './deps.js';
import type { Storage } from './storage/ports/storage.js';

/**
 * What resource routes are built from: the stores, the injected clock and randomness, and the
 * process's password hasher (collection and share-link passwords are hashed like users').
 */
export interface AppContext {
  config: Config;
  storage: Storage;
  clock: Clock;
  random: Random;
  /** The process's hasher: secrets other than passwords (a download PIN) share its pool. */
  passwords: PasswordHasher;
}

/** What one resource module gets: the runtime, and only the stores it names. */
export type ResourceContext<K extends keyof Storage> = Omit<AppContext, 'storage'> & {
  storage: Pick<Storage, K>;
};

/**
 * The context of a resource module with just the stores `keys` names: the others are not in
 * the object at all, so a module cannot reach a store it did not declare.
 */
export function withStores<K extends keyof Storage>(
  ctx: AppContext,
  keys: readonly K[],
): ResourceContext<K> {
  const storage = {} as Pick<Storage, K>;
  for (const key of keys) storage[key] = ctx.storage[key];
  return {
    config: ctx.config,
    clock: ctx.clock,
    random: ctx.random,
    passwords: ctx.passwords,
    storage,
  };
}
