import { HEADERS } from '@proofsheet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Random } from '../deps.js';
import { AppError } from '../http/app-error.js';
import type { AuthCookies } from './cookies.js';
import type { ActiveSession } from './session-service.js';
import { csrfTokenFor, isSecretShaped, newSecret, secretsEqual } from './tokens.js';
import type { VisitorAccess } from './visitors.js';

/**
 * The CSRF token the request presents: the header, or the `_csrf` field of a page's form post.
 * The field exists only once the body is parsed, so an `onRequest` hook sees the header alone.
 */
export function presentedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers[HEADERS.csrfToken] ?? request.headers[HEADERS.xsrfToken];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : undefined;
}

/** Whether the request presents `expected`; an empty or missing token never matches. */
export function presentsCsrfToken(request: FastifyRequest, expected: string | undefined): boolean {
  const presented = presentedCsrfToken(request);
  // Constant-time compare: the token is a secret.
  return !!expected && !!presented && secretsEqual(presented, expected);
}

/** Refuses (403 `csrf_mismatch`) a request that does not present its session's CSRF token. */
export function requireSessionCsrf(request: FastifyRequest, auth: ActiveSession): void {
  if (!presentsCsrfToken(request, csrfTokenFor(auth.sessionId))) {
    throw new AppError('csrf_mismatch');
  }
}

/** Refuses (403 `csrf_mismatch`) a visitor's request without their visitor session's token. */
export function requireVisitorCsrf(request: FastifyRequest, visitor: VisitorAccess): void {
  if (!presentsCsrfToken(request, visitor.csrfToken)) throw new AppError('csrf_mismatch');
}

/** Whether the request comes from a browser, which tells us through Fetch Metadata or Origin. */
export function fromBrowser(request: FastifyRequest): boolean {
  return request.headers['sec-fetch-site'] !== undefined || request.headers.origin !== undefined;
}

/**
 * The CSRF token of a form posted before there is a session (sign-in, a share link's entry):
 * the browser's `XSRF-TOKEN` cookie if it holds one, else a new one set now. The form echoes
 * it (double submit).
 */
export function preSessionCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  cookies: AuthCookies,
  random: Random,
): string {
  const existing = cookies.read(request, 'csrf');
  if (isSecretShaped(existing)) return existing;
  const token = newSecret(random);
  cookies.setCsrf(reply, token);
  return token;
}

/**
 * Whether a form posted before there is a session may proceed: a browser must echo the token
 * of the page it came from (login CSRF: else another site could sign a browser in as someone
 * else). Other clients carry no ambient cookies, so there is nothing to forge.
 */
export function presentsPreSessionCsrf(request: FastifyRequest, cookies: AuthCookies): boolean {
  return !fromBrowser(request) || presentsCsrfToken(request, cookies.read(request, 'csrf'));
}
