import { HEADERS } from '@proofsheet/protocol';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { ActiveSession } from './session-service.js';
import { csrfTokenFor, secretsEqual } from './tokens.js';

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
