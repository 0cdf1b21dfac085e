/**
 * Reading an error body by its stable `code` (the keys of `ERRORS` in `@proofsheet/protocol`),
 * never by its `message`, which is for people and may change. Pure, and browser-safe: the import
 * below is a type and is erased, so the server's web app runs a compiled copy of this file.
 */
import type { ErrorCode } from '@proofsheet/protocol';

/**
 * The `code` of an error body, or `null` when the body has none (not JSON, or not ours: a
 * proxy's error page). The server may know codes that this version does not, hence `string`.
 *
 * @example
 * errorCode({ error: 'Forbidden', message: 'Insufficient permissions', code: 'forbidden' }); // 'forbidden'
 * errorCode('<html>Bad Gateway</html>'); // null
 */
export function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const code = (body as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * Whether an error body carries `code`.
 *
 * @example
 * hasErrorCode(body, 'validation_failed'); // true for a 422 with `details`
 */
export function hasErrorCode(body: unknown, code: ErrorCode): boolean {
  return errorCode(body) === code;
}

/**
 * Whether an answer says that the CSRF token sent is not the session's: the session rotated
 * (a refresh, another tab), so fetching the current token and sending the request once more
 * may succeed. Any other 403 is final.
 *
 * @example
 * isCsrfMismatch(403, { error: 'Forbidden', message: 'CSRF token mismatch', code: 'csrf_mismatch' }); // true
 * isCsrfMismatch(403, { error: 'Forbidden', message: 'Insufficient permissions', code: 'forbidden' }); // false
 */
export function isCsrfMismatch(status: number, body: unknown): boolean {
  return status === 403 && hasErrorCode(body, 'csrf_mismatch');
}
