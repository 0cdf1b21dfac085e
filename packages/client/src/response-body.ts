/**
 * Reads a response read to the end: the parsed body of a success, checked against its schema,
 * or the {@link HttpError} of an error status, its body checked against `ErrorBody`. Both
 * checks run only with the `validateResponses` option; a failed one throws
 * {@link ResponseShapeError}. Also the error `code` that the session's decisions key on.
 */
import { errorCode as codeOf } from './error-code.js';
import { HttpError, ResponseShapeError } from './errors.js';
import { RESPONSE_SCHEMAS } from './response-schemas.js';
import type { ResponseSchema, ShapeProblem } from './response-shape.js';
import type { Received } from './transport.js';

/** Which request a response answers, and whether to check its shape. */
export interface ResponseContext {
  method: string;
  /** The request's path and query, as messages name it: `/api/v1/clients/?page=2`. */
  path: string;
  url: string;
  /** The `validateResponses` option. */
  validate: boolean;
}

/**
 * The parsed body of a success (`undefined` when empty). With `validate` and a schema, a body
 * that is not JSON or does not match throws {@link ResponseShapeError}.
 */
export function successBody<T>(
  received: Received,
  context: ResponseContext,
  schema: ResponseSchema | undefined,
): T {
  // 204 and 304 have no body by definition: nothing to check.
  if (!context.validate || !schema || received.status === 204 || received.status === 304) {
    return (received.text === '' ? undefined : JSON.parse(received.text)) as T;
  }
  const parsed = parseJson(received.text);
  const problems = parsed.ok ? schema.problems(parsed.value) : [notJson(received.text)];
  if (problems.length > 0) throw shapeError(received, context, schema, problems, parsed.value);
  return parsed.value as T;
}

/**
 * The {@link HttpError} of an error response. With `validate`, a JSON error body that is not
 * `{error, message, code, details?}` throws {@link ResponseShapeError} instead; a body that is
 * not JSON (a proxy's HTML page) is kept as text, unchecked.
 */
export function errorResponse(received: Received, context: ResponseContext): HttpError {
  const parsed = parseJson(received.text);
  const body = parsed.ok ? parsed.value : received.text;
  const isJson = /\bjson\b/i.test(received.headers.get('content-type') ?? '');
  if (context.validate && isJson) {
    const schema = RESPONSE_SCHEMAS.error;
    const problems = parsed.ok ? schema.problems(parsed.value) : [notJson(received.text)];
    if (problems.length > 0) throw shapeError(received, context, schema, problems, body);
  }
  return new HttpError({
    status: received.status,
    method: context.method,
    url: context.url,
    body,
    headers: received.headers,
  });
}

/**
 * The `code` of an error response's body, or `null` when there is none: what decides whether
 * to refresh the session or fetch a new CSRF token.
 *
 * @example
 * errorCode({ status: 403, text: '{"code":"csrf_mismatch",…}', … }); // 'csrf_mismatch'
 */
export function errorCode(received: Received): string | null {
  if (received.status < 400) return null;
  const parsed = parseJson(received.text);
  return parsed.ok ? codeOf(parsed.value) : null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

function notJson(text: string): ShapeProblem {
  const start = text.slice(0, 30).replace(/\s+/g, ' ');
  return {
    field: '',
    pointer: '',
    message: `the body is not JSON (got ${JSON.stringify(start)}${text.length > 30 ? '…' : ''})`,
  };
}

function shapeError(
  received: Received,
  context: ResponseContext,
  schema: ResponseSchema,
  problems: readonly ShapeProblem[],
  body: unknown,
): ResponseShapeError {
  return new ResponseShapeError({
    method: context.method,
    url: context.url,
    path: context.path,
    status: received.status,
    schemaName: schema.name,
    problems,
    body: body === undefined ? received.text : body,
  });
}
