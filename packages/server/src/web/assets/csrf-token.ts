// The session's CSRF token as a page finds it, and which requests must carry it: one home for
// the rule, read by the pages' API calls (api.ts) and by the API reference's "Try it out"
// (api-docs.ts).
import type { COOKIE_NAMES, HEADERS, SECURE_COOKIE_PREFIX } from '@proofsheet/protocol';

// The protocol's names, typed by the protocol's constants: a change there fails this build.
/** The header unsafe requests carry the token in. */
export const CSRF_HEADER: (typeof HEADERS)['csrfToken'] = 'x-csrf-token';
const CSRF_COOKIE: (typeof COOKIE_NAMES)['csrf'] = 'XSRF-TOKEN';
const SECURE_PREFIX: typeof SECURE_COOKIE_PREFIX = '__Host-';

const UNSAFE: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a request by `method` must carry the CSRF token. */
export function needsCsrfToken(method: string): boolean {
  return UNSAFE.has(method.toUpperCase());
}

function readCookie(name: string): string {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : '';
}

/**
 * The token in the script-readable cookie the server sets with the session (`XSRF-TOKEN`, or
 * `__Host-XSRF-TOKEN` over HTTPS), or `''` when there is none.
 */
export function csrfCookieToken(): string {
  return readCookie(CSRF_COOKIE) || readCookie(`${SECURE_PREFIX}${CSRF_COOKIE}`);
}
