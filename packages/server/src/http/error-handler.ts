import type { Socket } from 'node:net';
import {
  codeForStatus,
  type ErrorBody,
  errorBody,
  HEADERS,
  reasonPhrase,
} from '@proofsheet/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStorageUnavailable, UNAVAILABLE_RETRY_AFTER_S } from '../storage/unavailable.js';
import type { AllowedMethods } from './allowed-methods.js';
import { routedPath } from './api-path.js';
import { AppError } from './app-error.js';
import { MAX_PARAM_LENGTH } from './path-params.js';
import { validationDetails } from './validation-details.js';

/** Maps Fastify's own error codes to ours. */
const FASTIFY_CODES: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('payload_too_large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError(
      'unsupported_media_type',
      'Content-Type must be application/json (or application/x-www-form-urlencoded for login)',
    ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new AppError('bad_request', 'Content-Length does not match the body'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AppError('bad_request', 'The body is empty but Content-Type says JSON'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('bad_request', 'The body is not valid JSON'),
  FST_ERR_CTP_INVALID_CONTENT_TYPE: () =>
    new AppError('unsupported_media_type', 'The Content-Type header is malformed'),
  FST_ERR_BAD_URL: () => new AppError('bad_request', 'The URL has malformed percent-encoding'),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    new AppError('uri_too_long', `A path parameter is longer than ${MAX_PARAM_LENGTH} characters`),
};

function toAppError(error: FastifyError, request: FastifyRequest): AppError | null {
  if (error instanceof AppError) return error;
  if (isStorageUnavailable(error)) {
    // A dependency is down: tell clients when to come back instead of failing with a 500.
    request.log.warn({ err: error }, 'storage unavailable');
    return new AppError(
      'service_unavailable',
      `Storage is temporarily unavailable; retry in ${UNAVAILABLE_RETRY_AFTER_S} s`,
      undefined,
      { [HEADERS.retryAfter]: String(UNAVAILABLE_RETRY_AFTER_S) },
    );
  }
  if (error.validation && error.validationContext === 'querystring') {
    // The reference docs answer invalid parameters with 400, bodies with 422.
    return new AppError(
      'invalid_query',
      'Validation failed for the request querystring',
      validationDetails(error.validation),
    );
  }
  if (error.validation) {
    return new AppError(
      'validation_failed',
      `Validation failed for the request ${error.validationContext ?? 'body'}`,
      validationDetails(error.validation),
    );
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return mapped();
  // JSON syntax errors from the parser arrive as 400 SyntaxError.
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new AppError('bad_request', 'The body is not valid JSON');
  }
  return null;
}

/** Sends an error body; errors are never cached and never carry an ETag. */
function send(
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
  headers?: Record<string, string>,
) {
  if (headers) reply.headers(headers);
  reply.removeHeader('etag');
  reply.header('cache-control', 'no-store');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function sendAppError(reply: FastifyReply, error: AppError) {
  return send(
    reply,
    error.statusCode,
    errorBody(error.code, error.message, error.details),
    error.headers,
  );
}

/** 405 with `Allow` when the path exists with other methods, else 404. */
export function noRoute(reply: FastifyReply, request: FastifyRequest, allowed: AllowedMethods) {
  const path = routedPath(request.url) ?? request.url;
  const methods = allowed.for(path);
  if (methods.length > 0 && !methods.includes(request.method)) {
    return sendAppError(
      reply,
      new AppError(
        'method_not_allowed',
        `${request.method} is not allowed on ${path}; it takes ${methods.join(', ')}`,
        undefined,
        { allow: methods.join(', ') },
      ),
    );
  }
  return sendAppError(reply, new AppError('not_found', `No route for ${request.method} ${path}`));
}

/**
 * One error handler for both APIs: every error leaves as `{"error", "message", "code"[,
 * "details"]}`, never a stack trace. Unknown errors are logged and answered with a generic 500.
 */
export function installErrorHandler(app: FastifyInstance, allowed: AllowedMethods): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error, request);
    if (known) return sendAppError(reply, known);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, status, errorBody(codeForStatus(status), error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, errorBody('internal'));
  });

  app.setNotFoundHandler((request, reply) => noRoute(reply, request, allowed));
}

/**
 * The `frameworkErrors` option of Fastify: errors the router raises before any hook runs (bad
 * percent-encoding, an over-long path parameter) get the same body, with the security headers
 * that the hooks would have set.
 */
export function frameworkErrorResponder(securityHeaders: Readonly<Record<string, string>>) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(securityHeaders);
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    sendAppError(reply, known ? known() : new AppError('bad_request'));
  };
}

/** Node's parser errors that mean the request's headers were too large. */
const TOO_LARGE = new Set(['HPE_HEADER_OVERFLOW']);

/**
 * Answers what Node's HTTP parser refused (malformed HTTP, headers over the size limit, a
 * request that was not received in time) on the raw socket, in the API's JSON error shape
 * with the security headers, then closes the connection.
 */
export function clientErrorResponder(securityHeaders: Readonly<Record<string, string>>) {
  const fixed = Object.entries(securityHeaders)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A response already under way on this socket would be corrupted by a second one.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (
      error.code === 'ECONNRESET' ||
      socket.destroyed ||
      !socket.writable ||
      inFlight?.headersSent
    ) {
      socket.destroy();
      return;
    }
    const code = error.code ?? '';
    const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : TOO_LARGE.has(code) ? 431 : 400;
    const body = JSON.stringify(
      errorBody(
        codeForStatus(status),
        status === 400 ? 'The request is not valid HTTP/1.1' : undefined,
      ),
    );
    socket.end(
      `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'cache-control: no-store\r\n' +
        'connection: close\r\n' +
        fixed +
        `\r\n${body}`,
    );
  };
}
