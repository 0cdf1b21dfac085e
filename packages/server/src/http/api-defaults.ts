import { codeForStatus, errorBody, HEADERS } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { AllowedMethods } from './allowed-methods.js';
import { isApiRequest, MAX_URL_LENGTH } from './api-path.js';
import { AppError } from './app-error.js';
import { noRoute } from './error-handler.js';
import { textDetails } from './text-rules.js';

const PARTS = ['params', 'query', 'body'] as const;

/** A short plain-text error from a plugin (CORS's "Invalid Preflight Request"), as a message. */
function plainMessage(payload: unknown): string | undefined {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? `${payload}` : '';
  return text !== '' && text.length <= 200 && !/[\r\n<]/.test(text) ? text : undefined;
}

/**
 * Answers 405 or 404 before any body is parsed, for a path that has no route for the method,
 * and for `PUT /clients/`, which reaches `/clients/:id` with an empty ID although it is the
 * list's path. Register it after the auth guard: without a session, every path under /api/ is
 * a 401, so the answer tells nothing about which routes exist.
 */
export function routeBeforeBody(app: FastifyInstance, allowed: AllowedMethods): void {
  app.addHook('onRequest', (request, reply, done) => {
    const params = request.params as Record<string, unknown> | undefined;
    if (request.is404 || (params && Object.values(params).some((v) => v === ''))) {
      noRoute(reply, request, allowed);
      return;
    }
    done();
  });
}

/**
 * What holds for every request, decided in one place: URL length, the text rule for every
 * part of the request, caching headers, and that an error is always the JSON shape, whichever
 * layer raised it (outside the API, pages may answer a browser with an HTML page instead).
 */
export function apiDefaults(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) {
      done(new AppError('uri_too_long', `The URL is longer than ${MAX_URL_LENGTH} characters`));
      return;
    }
    done();
  });

  app.addHook('preValidation', (request, _reply, done) => {
    for (const part of PARTS) {
      const value = request[part];
      if (value === undefined || value === null) continue;
      const details = textDetails(value, part);
      if (Object.keys(details).length > 0) {
        done(
          new AppError(
            'validation_failed',
            `Validation failed for the request ${part === 'query' ? 'querystring' : part}`,
            details,
          ),
        );
        return;
      }
    }
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header(HEADERS.requestId, request.id);
    const api = isApiRequest(request);
    if (reply.statusCode >= 400) {
      reply.removeHeader('etag');
      reply.header('cache-control', 'no-store');
      const type = String(reply.getHeader('content-type') ?? '');
      // Pages outside the API answer browsers with HTML; everything else is JSON.
      const page = !api && type.startsWith('text/html');
      if (!page && !type.startsWith('application/json')) {
        // A plugin answered in its own shape (text/plain): keep the status, give our body.
        const status = reply.statusCode;
        const body = JSON.stringify(errorBody(codeForStatus(status), plainMessage(payload)));
        reply.type('application/json; charset=utf-8');
        reply.removeHeader('content-length');
        done(null, body);
        return;
      }
    } else if (
      api &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !reply.hasHeader('cache-control')
    ) {
      // Private: per-user data; no-cache: revalidate with the ETag every time.
      reply.header('cache-control', 'private, no-cache');
    }
    done(null, payload);
  });
}
