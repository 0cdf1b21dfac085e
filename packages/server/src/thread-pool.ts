import { VARIABLES } from './config/variables.js';

const CONCURRENCY = 'PROOFSHEET_HASH_CONCURRENCY';

/**
 * The size of libuv's thread pool for a server with this environment: one thread per
 * concurrent password hash, unless `UV_THREADPOOL_SIZE` is set. The pool runs nothing but argon2
 * here (SQLite calls are synchronous), and glibc keeps the 19 MiB block of each pool thread's
 * last hash resident: libuv's default of four threads behind two concurrent hashes held about
 * 40 MB more after a burst of sign-ins (bench/README.md, "where the memory goes").
 *
 * An invalid concurrency falls back to its default here; `parseConfig` reports it at start-up.
 */
export function threadPoolSize(env: Readonly<Record<string, string | undefined>>): string {
  const preset = env.UV_THREADPOOL_SIZE;
  if (preset !== undefined && preset !== '') return preset;
  const given = env[CONCURRENCY];
  if (given !== undefined && /^[1-9][0-9]{0,3}$/.test(given.trim())) return given.trim();
  const fallback = VARIABLES.find((v) => v.name === CONCURRENCY)?.default;
  if (fallback === undefined) throw new Error(`${CONCURRENCY} has no default`);
  return fallback;
}
