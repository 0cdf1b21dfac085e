import { readdirSync, stat } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { VARIABLES, type Variable } from './config/variables.js';

/** How `proofsheet-server` starts libuv's thread pool. */
export interface ThreadPoolSettings {
  /** Threads, as UV_THREADPOOL_SIZE takes them. */
  size: string;
  /** How much lower than the rest of the process the pool threads run (nice steps, 0–19). */
  nice: number;
}

function setting(
  env: Readonly<Record<string, string | undefined>>,
  name: 'PROOFSHEET_HASH_CONCURRENCY' | 'PROOFSHEET_HASH_NICE',
  valid: (n: number) => boolean,
): number {
  const given = env[name]?.trim() ?? '';
  if (/^[0-9]{1,4}$/.test(given) && valid(Number(given))) return Number(given);
  // An invalid value falls back to the default here; `parseConfig` refuses it at start-up.
  const variables: readonly Variable[] = VARIABLES;
  const fallback = Number(variables.find((v) => v.name === name)?.default);
  if (!valid(fallback)) throw new Error(`${name} has no valid default`);
  return fallback;
}

/**
 * The pool for a server with this environment. The pool runs nothing but argon2 here (SQLite
 * calls are synchronous), so:
 * - one thread per concurrent hash (unless UV_THREADPOOL_SIZE is set): glibc keeps the 19 MiB
 *   block of each pool thread's last hash resident, and libuv's default of four threads behind
 *   two concurrent hashes held about 40 MB more after a burst of sign-ins;
 * - at a lower CPU priority: during a login storm, requests of people already signed in come
 *   first (bench/README.md has both measurements).
 */
export function threadPoolSettings(
  env: Readonly<Record<string, string | undefined>>,
): ThreadPoolSettings {
  const preset = env.UV_THREADPOOL_SIZE?.trim();
  const concurrency = setting(env, 'PROOFSHEET_HASH_CONCURRENCY', (n) => n >= 1 && n <= 64);
  return {
    size: preset ? preset : String(concurrency),
    nice: setting(env, 'PROOFSHEET_HASH_NICE', (n) => n >= 0 && n <= 19),
  };
}

function threadIds(): Set<string> {
  return new Set(readdirSync('/proc/self/task'));
}

/**
 * Starts libuv's thread pool now, with `settings`, and returns its threads' ids. It must run
 * before anything else uses the pool: libuv reads UV_THREADPOOL_SIZE once, when the first job
 * is queued, and creates every thread before that call returns. Loading an ES module already
 * queues file reads, so this runs from CommonJS (`bin/start-thread-pool.cjs`).
 *
 * Lowering the priority needs Linux, where a thread's nice value is its own; elsewhere the pool
 * starts as is and the list is empty.
 */
export function startThreadPool(settings: ThreadPoolSettings): number[] {
  process.env.UV_THREADPOOL_SIZE = settings.size;
  const linux = process.platform === 'linux';
  const before = linux ? threadIds() : new Set<string>();
  stat('.', () => undefined);
  if (!linux) return [];
  const pool = [...threadIds()].filter((id) => !before.has(id)).map(Number);
  if (settings.nice === 0) return pool;
  for (const id of pool) {
    try {
      setPriority(id, Math.min(19, getPriority(id) + settings.nice));
    } catch {
      // A sandbox may forbid setpriority. The priority only spares requests during a login
      // storm; the server must start without it.
    }
  }
  return pool;
}
