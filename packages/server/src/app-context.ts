import type { Config } from './config/config.js';
import type { Clock, Random } from './deps.js';
import type { Storage } from './storage/ports.js';

/** What resource routes need: the stores and the injected clock and randomness. */
export interface AppContext {
  config: Config;
  storage: Storage;
  clock: Clock;
  random: Random;
}
