import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { ActiveSession } from './session-service.js';

/**
 * The request's session. Routes under `/api/` require one, so the auth hook has already
 * answered 401 without it; this narrows the type and keeps that guarantee checked.
 */
export function signedIn(request: FastifyRequest): ActiveSession {
  if (!request.auth) throw new AppError('session_expired');
  return request.auth;
}
