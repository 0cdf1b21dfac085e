import type { FastifyInstance } from 'fastify';
import { isApiRequest } from './api-path.js';
import { AppError } from './app-error.js';

/** Which bodies a route reads, set in its `config`. */
export interface BodyPolicy {
  /**
   * The media types the route reads instead of JSON (an upload's `multipart/form-data`): any
   * other gets 415. Absent: JSON only.
   */
  bodyTypes?: readonly string[];
}

declare module 'fastify' {
  interface FastifyContextConfig extends BodyPolicy {}
}

/**
 * API bodies are JSON, unless a route names other types in `config.bodyTypes`. Fastify would
 * also parse text/plain and (with formbody, which the login form needs) form-encoded bodies;
 * on `/api/` those get 415 instead of a confusing 422.
 */
export function requireJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addHook('preParsing', async (request) => {
    if (!isApiRequest(request)) return;
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody) return;
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const accepted = request.routeOptions.config.bodyTypes;
    if (accepted) {
      if (type && accepted.includes(type)) return;
      throw new AppError(
        'unsupported_media_type',
        `Content-Type must be ${accepted.join(' or ')} (got ${type || 'none'})`,
      );
    }
    if (type !== 'application/json' && !type?.endsWith('+json')) {
      throw new AppError(
        'unsupported_media_type',
        `Content-Type must be application/json (got ${type || 'none'})`,
      );
    }
  });
}
