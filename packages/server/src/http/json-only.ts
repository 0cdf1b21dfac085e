import type { FastifyInstance } from 'fastify';
import { isApiRequest } from './api-path.js';
import { AppError } from './app-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Body media types besides JSON that this route takes (an image upload, say). */
    bodyTypes?: readonly string[];
  }
}

/**
 * API bodies are JSON, except on a route that names other types in `config.bodyTypes`. Fastify would also parse text/plain and (with formbody, which the login
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
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'application/json' || type.endsWith('+json')) return;
    const others = request.routeOptions.config.bodyTypes;
    if (others?.includes(type)) return;
    const wanted = ['application/json', ...(others ?? [])].join(' or ');
    throw new AppError(
      'unsupported_media_type',
      `Content-Type must be ${wanted} (got ${type || 'none'})`,
    );
  });
}
