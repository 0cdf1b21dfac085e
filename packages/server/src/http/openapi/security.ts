import { cookieName, UNSAFE_METHODS } from '@proofsheet/protocol';
import type { FastifyContextConfig } from 'fastify';
import { API_PREFIX } from '../api-path.js';

/** The security schemes of the OpenAPI documents, by their names there. */
export const SCHEMES = {
  /** The session cookie, which every signed-in request carries. */
  session: 'sessionCookie',
  /** The CSRF token that unsafe requests of a session add as a header. */
  csrf: 'csrfHeader',
  /** The long-lived auth token, which only renews a session (and is revoked at logout). */
  authToken: 'authTokenCookie',
  /** A share-link visitor's session, on the routes that let visitors in. */
  visitor: 'visitorCookie',
} as const;

type Scheme = keyof typeof SCHEMES;

/** One OpenAPI security requirement: every scheme named must be presented together. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/**
 * A requirement of the schemes named.
 *
 * @example
 * requirement('session', 'csrf'); // { sessionCookie: [], csrfHeader: [] }
 */
export function requirement(...schemes: Scheme[]): SecurityRequirement {
  return Object.fromEntries(schemes.map((s) => [SCHEMES[s], []]));
}

/**
 * The `components.securitySchemes` of a document; over HTTPS the cookies take `__Host-`. The
 * visitor cookie is the Gallery API's alone (`visitors`).
 */
export function securitySchemes(secure: boolean, visitors: boolean) {
  const schemes = {
    [SCHEMES.session]: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName('session', secure),
      description:
        'The session, set by `POST /login` (HttpOnly). A browser sends it by itself; other clients send back the cookie they were given.',
    },
    [SCHEMES.csrf]: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description:
        "The session's CSRF token, required on every unsafe request of a session (POST, PUT, PATCH, DELETE). `POST /login` answers it, `GET /api/v1/csrf-token` reads it again, and pages find it in the script-readable `XSRF-TOKEN` cookie (`__Host-XSRF-TOKEN` over HTTPS). `X-XSRF-TOKEN` is accepted too.",
    },
    [SCHEMES.authToken]: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName('authToken', secure),
      description:
        'The auth token, set with the session (HttpOnly, long-lived): it renews an expired session at `POST /api/v1/session/refresh`.',
    },
    [SCHEMES.visitor]: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName('visitor', secure),
      description:
        "A share-link visitor's session, set by `POST /s/{token}` (HttpOnly) and bound to that link: it ends when the link is revoked or expires. Unsafe requests of a visitor carry the visitor's CSRF token (`X-CSRF-Token`), which `POST /s/{token}` answers and `GET /api/v1/csrf-token` reads again.",
    },
  } as const;
  if (visitors) return schemes;
  const { [SCHEMES.visitor]: _visitor, ...rest } = schemes;
  return rest;
}

/**
 * What a route requires, read from the same policy the auth hook enforces (`config.auth`,
 * `config.csrf`, `config.visitors`, see auth/plugin.ts), so the document cannot promise another rule than the server applies. Routes
 * that check more themselves (logout, refresh) declare `schema.security`, which wins.
 */
export function securityOf(
  policy: Pick<FastifyContextConfig, 'auth' | 'csrf' | 'visitors'>,
  method: string,
  url: string,
): SecurityRequirement[] {
  const auth = policy.auth ?? (url.startsWith(API_PREFIX) ? 'required' : 'none');
  if (auth === 'none') return [];
  const csrf = UNSAFE_METHODS.has(method) && (policy.csrf ?? 'token') === 'token';
  const session = csrf ? requirement('session', 'csrf') : requirement('session');
  const visitor = csrf ? requirement('visitor', 'csrf') : requirement('visitor');
  const ways = policy.visitors ? [session, visitor] : [session];
  // `{}`: the route also answers without a session.
  return auth === 'optional' ? [...ways, {}] : ways;
}
