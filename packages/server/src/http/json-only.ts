import type { FastifyInstance } from 'fastify';
import { isApiRequest } from './api-path.js';
import { AppError } from './app-error.js';

/**
 * API bodies are JSON. Fastify would also parse text/plain and (with formbody, which the login
 * form needs) form-encoded bodies; on `/api/` those get 415 instead of a confusing 422.
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
    if (type !== 'application/json' && !type?.endsWith('+json')) {
      throw new AppError(
        'unsupported_media_type',
        `Content-Type must be application/json (got ${type || 'none'})`,
      );
    }
  });
}
