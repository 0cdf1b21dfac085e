import type { FastifyRequest } from 'fastify';
import type { ActiveSession } from '../auth/session-service.js';
import { AppError } from './app-error.js';

/**
 * The request's session. Routes under `/api/` require one, so the auth hook has already
 * answered 401 without it; this narrows the type and keeps that guarantee checked.
 */
export function signedIn(request: FastifyRequest): ActiveSession {
  if (!request.auth) throw new AppError('session_expired');
  return request.auth;
}
