/**
 * The client's errors, keyed by who is at fault: the server answered with an error
 * ({@link HttpError}) or with a body of the wrong shape ({@link ResponseShapeError}), the
 * network failed ({@link NetworkError}), the request took too long ({@link TimeoutError}), or
 * no session could be obtained ({@link AuthError}). Every message names the method and URL.
 * `cause` keeps the underlying error.
 */
import { reasonPhrase } from '@proofsheet/protocol';
import type { ShapeProblem } from './response-shape.js';

/**
 * The base class of every error the client throws.
 *
 * @example
 * try { await client.studio.clients.get(id); }
 * catch (e) { if (e instanceof ProofsheetError) console.error(e.message); }
 */
export class ProofsheetError extends Error {
  /** The request's method, e.g. `GET`. */
  readonly method: string;
  /** The request's URL, without credentials. */
  readonly url: string;

  constructor(message: string, method: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProofsheetError';
    this.method = method;
    this.url = url;
  }
}

/**
 * The server answered with a status of 400 or more. `code`, `error` and `message` come from
 * the body (`{"error": "Not Found", "message": "…", "code": "not_found"}`), `details` names
 * invalid fields on 422. Decide on `code`, never on the message text.
 *
 * @example
 * if (isHttpError(e) && e.code === 'not_found') return null;
 */
export class HttpError extends ProofsheetError {
  readonly status: number;
  /**
   * The body's stable `code`, e.g. `session_expired` or `rate_limited` (the protocol's
   * `ERRORS` lists them); `null` when the body has none (a proxy's error page). A newer server
   * may send codes this version does not know: treat those as unknown, not as failures.
   */
  readonly code: string | null;
  /** The body's `error` (the reason phrase), or the status's reason phrase. */
  readonly error: string;
  /** The body's `message`, the server's own explanation, when it gave one. */
  readonly serverMessage: string | null;
  /** Per-field messages of a validation error. */
  readonly details: Readonly<Record<string, string[]>> | null;
  /** The parsed body, or its text when it was not JSON. */
  readonly body: unknown;
  /** Response headers, e.g. `retry-after` or `x-request-id`. */
  readonly headers: Headers;

  constructor(init: {
    status: number;
    method: string;
    url: string;
    body: unknown;
    headers: Headers;
  }) {
    const parsed = errorFields(init.body);
    const phrase = parsed.error ?? reasonPhrase(init.status);
    const suffix = parsed.message ? ` (${parsed.message})` : '';
    super(
      `Request failed with ${init.status} ${phrase}: ${init.method} ${redactUrl(init.url)}${suffix}`,
      init.method,
      redactUrl(init.url),
    );
    this.name = 'HttpError';
    this.status = init.status;
    this.code = parsed.code;
    this.error = phrase;
    this.serverMessage = parsed.message;
    this.details = parsed.details;
    this.body = init.body;
    this.headers = init.headers;
  }
}

/**
 * The server's answer does not match the `protocol` schema of that response (checked when the
 * `validateResponses` option is on): a field of the wrong type, a missing field, a field the
 * schema does not name, or an error body that is not `{error, message, code, details?}`.
 * Usually the client and server versions differ.
 *
 * @example
 * if (isResponseShapeError(e)) console.error(e.field, e.problems.length); // 'data.3.email', 1
 */
export class ResponseShapeError extends ProofsheetError {
  /** The request's path with its query, e.g. `/api/v1/clients/?page=2`. */
  readonly path: string;
  /** The response's status. */
  readonly status: number;
  /** The schema's name, e.g. `ClientPage` or `ErrorBody`. */
  readonly schemaName: string;
  /** Dotted path of the first bad field, e.g. `data.3.address_info.country_id` (`''`: the body). */
  readonly field: string;
  /** Every problem found, the first one being {@link field}'s. */
  readonly problems: readonly ShapeProblem[];
  /** The parsed body (or its text, when it was not JSON). */
  readonly body: unknown;

  constructor(init: {
    method: string;
    url: string;
    path: string;
    status: number;
    schemaName: string;
    problems: readonly ShapeProblem[];
    body: unknown;
  }) {
    const [first] = init.problems;
    const others = init.problems.length - 1;
    const more = others > 0 ? `, and ${others} more problem${others > 1 ? 's' : ''}` : '';
    super(
      `Response of ${init.method} ${init.path} does not match ${init.schemaName}: ${first?.message ?? 'the body does not match'}${more}; check that the client and server versions agree`,
      init.method,
      redactUrl(init.url),
    );
    this.name = 'ResponseShapeError';
    this.path = init.path;
    this.status = init.status;
    this.schemaName = init.schemaName;
    this.field = first?.field ?? '';
    this.problems = Object.freeze([...init.problems]);
    this.body = init.body;
  }
}

/**
 * The request never got an answer: connection refused, reset, DNS failure.
 *
 * @example
 * if (isNetworkError(e)) console.error('Is the server running?', e.cause);
 */
export class NetworkError extends ProofsheetError {
  constructor(method: string, url: string, cause: unknown) {
    const reason = cause instanceof Error ? describeCause(cause) : String(cause);
    super(
      `Network error: ${method} ${redactUrl(url)} (${reason}); check the base URL and that the server is reachable`,
      method,
      redactUrl(url),
      { cause },
    );
    this.name = 'NetworkError';
  }
}

/**
 * The request took longer than the `timeoutMs` option.
 *
 * @example
 * if (isTimeoutError(e)) console.error(`gave up after ${e.timeoutMs} ms`);
 */
export class TimeoutError extends ProofsheetError {
  readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number, cause?: unknown) {
    super(
      `Request timed out after ${timeoutMs} ms: ${method} ${redactUrl(url)}; raise timeoutMs or check the server`,
      method,
      redactUrl(url),
      { cause },
    );
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * No valid session: the refresh was refused and there were no credentials to log in again,
 * or the credentials were refused. `cause` is the {@link HttpError} that ended the attempt.
 *
 * @example
 * if (isAuthError(e)) console.error('Run `proofsheet login` first.');
 */
export class AuthError extends ProofsheetError {
  constructor(message: string, method: string, url: string, cause?: unknown) {
    super(message, method, redactUrl(url), { cause });
    this.name = 'AuthError';
  }
}

/**
 * The password was right and the account has a second factor, but no `secondFactor` option
 * answered for it: complete the sign-in with `client.completeLogin(e.mfaToken, { code })`.
 *
 * @example
 * if (isMfaRequiredError(e)) await client.completeLogin(e.mfaToken, { code: await ask() }, { api: e.api });
 */
export class MfaRequiredError extends AuthError {
  constructor(
    message: string,
    method: string,
    url: string,
    /** The pending sign-in's token, for `POST /login/mfa`. Short-lived and single-use. */
    readonly mfaToken: string,
    readonly api: 'studio' | 'gallery',
    readonly expiresAt: Date,
  ) {
    super(message, method, url);
    this.name = 'MfaRequiredError';
  }
}

/** @example if (isMfaRequiredError(e)) console.error('A code is needed'); */
export function isMfaRequiredError(value: unknown): value is MfaRequiredError {
  return value instanceof MfaRequiredError;
}

/** @example if (isProofsheetError(e)) log(e.method, e.url); */
export function isProofsheetError(value: unknown): value is ProofsheetError {
  return value instanceof ProofsheetError;
}
/** @example if (isHttpError(e) && e.status === 404) return null; */
export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}
/** @example if (isResponseShapeError(e)) console.error(e.field); */
export function isResponseShapeError(value: unknown): value is ResponseShapeError {
  return value instanceof ResponseShapeError;
}
/** @example if (isNetworkError(e)) retryLater(); */
export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError;
}
/** @example if (isTimeoutError(e)) console.error(e.timeoutMs); */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return value instanceof TimeoutError;
}
/** @example if (isAuthError(e)) await client.login(email, password); */
export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}

function errorFields(body: unknown): {
  code: string | null;
  error: string | null;
  message: string | null;
  details: Record<string, string[]> | null;
} {
  if (typeof body !== 'object' || body === null)
    return { code: null, error: null, message: null, details: null };
  const b = body as { code?: unknown; error?: unknown; message?: unknown; details?: unknown };
  return {
    code: typeof b.code === 'string' ? b.code : null,
    error: typeof b.error === 'string' ? b.error : null,
    message: typeof b.message === 'string' ? b.message : null,
    details:
      typeof b.details === 'object' && b.details !== null
        ? (b.details as Record<string, string[]>)
        : null,
  };
}

function describeCause(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const inner = error.cause instanceof Error ? describeCause(error.cause) : null;
  if (inner) return inner;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

/** Drops user info from a URL: a message may end up in a log or an issue. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
