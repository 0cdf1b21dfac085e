import { errorCode, isNetworkError } from './unavailable.js';

/**
 * SQLSTATEs that mean "the server cannot serve this now", not "this query is wrong":
 * connection exceptions (class 08), shutdowns and start-ups, too many connections, and the
 * statement or lock timeouts that bound how long a request can wait.
 */
const UNAVAILABLE_STATES = new Set(['53300', '57P01', '57P02', '57P03', '57014', '55P03']);

/** Messages `pg` and `pg-pool` use for connection failures, which carry no code. */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'driver has already been destroyed',
];

/** Whether a `pg` error means PostgreSQL is unreachable or too slow, rather than a bad query. */
export function isPostgresUnavailable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  const code = errorCode(error);
  if (code !== undefined && (code.startsWith('08') || UNAVAILABLE_STATES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}
