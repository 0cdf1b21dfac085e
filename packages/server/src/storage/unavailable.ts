/**
 * The one error a store throws when a dependency cannot answer: the connection was refused or
 * dropped, or a bounded timeout ran out. The error handler answers it with 503 and
 * `Retry-After`, so an outage never becomes a 500, a crash or a hang.
 */

/** The dependencies a store can depend on. */
export type Dependency = 'postgres' | 'redis';

const NAMES: Record<Dependency, string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
};

/** Seconds a client should wait before retrying while a dependency is down. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';

  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${NAMES[dependency]} is unreachable (${reason})`, { cause });
  }
}

/** Whether the thrown value is a {@link StorageUnavailableError}. */
export function isStorageUnavailable(error: unknown): error is StorageUnavailableError {
  return error instanceof StorageUnavailableError;
}

/** Socket-level failures, the same from `pg` and `ioredis`. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

/** The error's `code`, when it has a string one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error is a socket-level failure (refused, reset, timed out, unresolvable). */
export function isNetworkError(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  // Node wraps a failed multi-address connect (IPv4 and IPv6) in an AggregateError.
  return error instanceof AggregateError && error.errors.some(isNetworkError);
}
