import { type ErrorBody, errorBody, HEADERS, reasonPhrase } from '@proofsheet/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStorageUnavailable, UNAVAILABLE_RETRY_AFTER_S } from '../storage/unavailable.js';
import { AppError } from './app-error.js';
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
  if (error.statusCode === 404) {
    return new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);
  }
  return null;
}

function send(
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
  headers?: Record<string, string>,
) {
  if (headers) reply.headers(headers);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * One error handler for both APIs: every error leaves as `{"error", "message"[, "details"]}`,
 * never a stack trace. Unknown errors are logged and answered with a generic 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error, request);
    if (known) {
      return send(
        reply,
        known.statusCode,
        errorBody(known.code, known.message, known.details),
        known.headers,
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, status, { error: reasonPhrase(status), message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, errorBody('internal'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return send(reply, 404, errorBody('not_found', `No route for ${request.method} ${path}`));
  });
}
