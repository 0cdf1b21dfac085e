/**
 * Parses the headers that say when to try again: `Retry-After` (delta seconds or an HTTP date)
 * and the IETF draft `RateLimit-Reset` (delta seconds). Pure: the current time is a parameter.
 */

/**
 * Milliseconds to wait according to `Retry-After`, or `null` when absent or unreadable.
 *
 * @example
 * parseRetryAfter('2', new Date()); // 2000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', new Date('2026-10-21T07:27:00Z')); // 60000
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  // A date in the past means "now".
  return Math.max(0, date - now.getTime());
}

/**
 * Milliseconds until the rate-limit window resets according to `RateLimit-Reset`, or `null`.
 *
 * @example
 * parseRateLimitReset('30'); // 30000
 */
export function parseRateLimitReset(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  return /^\d+$/.test(text) ? Number(text) * 1000 : null;
}

/**
 * The server's own word on when to retry: `Retry-After`, else `RateLimit-Reset` when the
 * remaining quota is zero (or the answer is a 429), else `null`.
 *
 * @example
 * serverRetryDelay(new Headers({ 'retry-after': '2' }), 429, new Date()); // 2000
 */
export function serverRetryDelay(headers: Headers, status: number, now: Date): number | null {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const exhausted = headers.get('ratelimit-remaining')?.trim() === '0' || status === 429;
  return exhausted ? parseRateLimitReset(headers.get('ratelimit-reset')) : null;
}
