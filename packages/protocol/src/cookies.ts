/**
 * Cookie names. The session cookie is named as in the seed's examples (`session_cookie=…`), so
 * that they work as written. Over HTTPS every name takes the `__Host-` prefix, which makes the
 * browser insist on `Secure`, `Path=/` and no `Domain`.
 */
export const COOKIE_NAMES = {
  /** The session identifier. HttpOnly. */
  session: 'session_cookie',
  /** The long-lived authentication token, used only to refresh an expired session. HttpOnly. */
  authToken: 'auth_token',
  /** The CSRF token, readable by scripts. Named as axios expects, so axios sends it unasked. */
  csrf: 'XSRF-TOKEN',
  /** A share-link visitor's session, bound to the link they opened. HttpOnly. */
  visitor: 'visitor_session',
} as const;

/** Which cookie: a key of {@link COOKIE_NAMES}. */
export type CookieKind = keyof typeof COOKIE_NAMES;

/** The prefix that every cookie name takes when the server is served over HTTPS. */
export const SECURE_COOKIE_PREFIX = '__Host-';

/**
 * The cookie name on the wire.
 *
 * @example
 * cookieName('session', true); // '__Host-session_cookie'
 */
export function cookieName(kind: CookieKind, secure: boolean): string {
  return secure ? `${SECURE_COOKIE_PREFIX}${COOKIE_NAMES[kind]}` : COOKIE_NAMES[kind];
}
