/**
 * The client's errors, keyed by who is at fault: the server answered with an error
 * ({@link HttpError}), the network failed ({@link NetworkError}), the request took too long
 * ({@link TimeoutError}), or no session could be obtained ({@link AuthError}). Every message
 * names the method and URL. `cause` keeps the underlying error.
 */
import { reasonPhrase } from '@proofsheet/protocol';

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
 * The server answered with a status of 400 or more. `error` and `message` come from the body
 * (`{"error": "Not Found", "message": "…"}`), `details` names invalid fields on 422.
 *
 * @example
 * if (isHttpError(e) && e.status === 404) return null;
 */
export class HttpError extends ProofsheetError {
  readonly status: number;
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
    this.error = phrase;
    this.serverMessage = parsed.message;
    this.details = parsed.details;
    this.body = init.body;
    this.headers = init.headers;
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

/** @example if (isProofsheetError(e)) log(e.method, e.url); */
export function isProofsheetError(value: unknown): value is ProofsheetError {
  return value instanceof ProofsheetError;
}
/** @example if (isHttpError(e) && e.status === 404) return null; */
export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
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
  error: string | null;
  message: string | null;
  details: Record<string, string[]> | null;
} {
  if (typeof body !== 'object' || body === null)
    return { error: null, message: null, details: null };
  const b = body as { error?: unknown; message?: unknown; details?: unknown };
  return {
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
