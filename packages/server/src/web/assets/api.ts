// The pages' one way to call /api/v1: cookies ride along (credentials: 'include'), unsafe
// methods carry X-CSRF-Token, a 401 refreshes the session once and otherwise sends the person
// to sign in (keeping what they typed) or a share-link visitor to their page, and a stale CSRF
// token is fetched again once. Errors are read by their `code` with the client library's own
// functions (vendored: see tsconfig.json).
import type { ErrorCode, LoginResponse, PATHS } from '@proofsheet/protocol';
import { CSRF_HEADER, csrfCookieToken, needsCsrfToken } from './csrf-token.js';
import { saveDrafts } from './drafts.js';
import { hasErrorCode, isCsrfMismatch, serverRetryDelay } from './vendor/client/browser.js';

// The protocol's names, typed by the protocol's constants: a change there fails this build.
const REFRESH_PATH: (typeof PATHS)['sessionRefresh'] = '/api/v1/session/refresh';
const CSRF_TOKEN_PATH: (typeof PATHS)['csrfToken'] = '/api/v1/csrf-token';
const VISIT_PATH: (typeof PATHS)['visit'] = '/visit';

/**
 * A share-link visitor's page (visitor-page.ts): no session to refresh and no sign-in to go to.
 * When the visit ends (the link revoked, expired, or a new collection password), the visitor's
 * page says why and what to do.
 */
const VISITOR = document.body.dataset.app === 'visitor';

/** The methods the pages use. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken =
  document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || csrfCookieToken();

/** Keeps the token in one place, and the sign-out form's hidden field, up to date. */
function setCsrfToken(token: unknown): void {
  if (typeof token !== 'string' || token === '') return;
  csrfToken = token;
  document.querySelector('meta[name="csrf-token"]')?.setAttribute('content', token);
  for (const input of document.querySelectorAll<HTMLInputElement>('input[name="_csrf"]')) {
    input.value = token;
  }
}

/** Per-field messages of a validation error, keyed by the API's field names. */
export type FieldMessages = Readonly<Record<string, readonly string[]>>;

/** An API error: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** The parsed body: the API's `{error, message, code, details?}`, or whatever came instead. */
  readonly body: unknown;
  readonly details: FieldMessages | null;
  /** How long the server asked to wait (`Retry-After`, `RateLimit-Reset`), or null. */
  readonly retryAfterMs: number | null;

  constructor(
    status: number,
    body: unknown,
    retryAfterMs: number | null = null,
    options?: ErrorOptions,
  ) {
    const fields = typeof body === 'object' && body !== null ? body : {};
    const message = 'message' in fields ? fields.message : null;
    const details = 'details' in fields ? fields.details : null;
    super(
      typeof message === 'string' && message !== ''
        ? message
        : `Request failed with status ${status}`,
      options,
    );
    this.status = status;
    this.body = body;
    // The server's schema for `details` is `{field: string[]}`; anything else is not ours.
    this.details =
      typeof details === 'object' && details !== null ? (details as FieldMessages) : null;
    this.retryAfterMs = retryAfterMs;
  }

  /** Whether the body carries this code: key on it, never on the message. */
  is(code: ErrorCode): boolean {
    return hasErrorCode(this.body, code);
  }
}

/** What one try of a request came back with: its status, parsed body and headers. */
export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One try of a request, sent with the CSRF token current at the time. */
export type Attempt = (csrfToken: string) => Promise<Answer>;

/** The error of a request that never got an answer (status 0). */
export function unreachableError(cause: unknown): ApiError {
  return new ApiError(
    0,
    { message: 'Could not reach the server. Check your connection and try again.' },
    null,
    { cause },
  );
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (needsCsrfToken(method)) headers[CSRF_HEADER] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'include',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    throw unreachableError(cause);
  }
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: parallel 401s share it. Resolves to whether a session is back. */
function refreshSession(): Promise<boolean> {
  refreshing ??= send('POST', REFRESH_PATH)
    .then(async (res) => {
      if (!res.ok) return false;
      const body = (await res.json()) as Partial<LoginResponse> | null;
      setCsrfToken(body?.data?.csrf_token ?? res.headers.get(CSRF_HEADER));
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Goes to the visitor's page, which says why the visit ended. Never resolves. */
function leaveForVisitPage(): Promise<never> {
  location.assign(VISIT_PATH);
  return new Promise(() => {});
}

/** Saves unsaved input, then goes to sign in and back here afterwards. Never resolves. */
export function leaveForLogin(): Promise<never> {
  saveDrafts();
  const next = `${location.pathname}${location.search}`;
  location.assign(`/login?reason=expired&next=${encodeURIComponent(next)}`);
  return new Promise(() => {});
}

async function reloadCsrfToken(): Promise<boolean> {
  const res = await send('GET', CSRF_TOKEN_PATH);
  if (!res.ok) return false;
  const body = (await res.json()) as { data?: { csrf_token?: unknown } } | null;
  setCsrfToken(body?.data?.csrf_token);
  return true;
}

/** A body as JSON, or its first words when it is not JSON (a proxy's error page). */
export function parseBody(status: number, text: string): unknown {
  if (status === 204 || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/**
 * Runs a request by the session's rules, whatever carries it (`fetch`, or the XMLHttpRequest of
 * an upload, for its progress events): a 401 refreshes the session once and otherwise sends the
 * person to sign in; a stale CSRF token (the session rotated in another tab) is fetched again
 * once. Resolves to the successful answer's body; any other answer is thrown as an ApiError.
 */
export async function withSession<T>(attempt: Attempt): Promise<T> {
  return (await answerWithSession(attempt)).body as T;
}

/** Whether an answer to a visitor says their visit is over, or locked by a new password. */
function visitEnded(answer: Answer): boolean {
  return (
    answer.status === 401 ||
    (answer.status === 403 && hasErrorCode(answer.body, 'password_required'))
  );
}

/** {@link withSession}, resolving to the whole successful answer: for its headers. */
export async function answerWithSession(attempt: Attempt): Promise<Answer> {
  let refreshed = false;
  let csrfReloaded = false;
  for (;;) {
    const answer = await attempt(csrfToken);
    if (VISITOR && visitEnded(answer)) return leaveForVisitPage();
    if (answer.status === 401) {
      if (!refreshed && (await refreshSession())) {
        refreshed = true;
        continue;
      }
      return leaveForLogin();
    }
    if (!csrfReloaded && isCsrfMismatch(answer.status, answer.body) && (await reloadCsrfToken())) {
      csrfReloaded = true;
      continue;
    }
    if (answer.status < 200 || answer.status > 299) {
      throw new ApiError(
        answer.status,
        answer.body,
        serverRetryDelay(answer.headers, answer.status, new Date()),
      );
    }
    return answer;
  }
}

/**
 * Calls the API and returns the parsed JSON body (null for 204). `T` is what the endpoint
 * answers, as the protocol's types describe it: the body is not validated here.
 * @example const { data } = await api<ClientPage>('GET', '/api/v1/clients/?page=2');
 */
export async function api<T = unknown>(method: Method, path: string, body?: unknown): Promise<T> {
  return withSession<T>(async () => {
    const res = await send(method, path, body);
    return {
      status: res.status,
      body: parseBody(res.status, await res.text()),
      headers: res.headers,
    };
  });
}

/**
 * One request without the session's rules, for the sign-in pages: there is no session to
 * refresh, and a 401 is an answer to show (a passkey that did not verify), not a reason to go
 * to the sign-in page. Unsafe methods carry the page's pre-session CSRF token, as its forms do.
 */
export async function sendOnce<T = unknown>(
  method: Method,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await send(method, path, body);
  const parsed = parseBody(res.status, await res.text());
  if (!res.ok) {
    throw new ApiError(res.status, parsed, serverRetryDelay(res.headers, res.status, new Date()));
  }
  return parsed as T;
}

/** A sentence for an error, with the wait time of a 429. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.is('rate_limited')) {
    const ms = error.retryAfterMs;
    const wait = ms !== null && ms > 0 ? ` in ${Math.ceil(ms / 1000)} s` : ' later';
    return `Too many requests. Please try again${wait}.`;
  }
  if (error.is('forbidden')) return 'Your account is not allowed to do this.';
  if (error.is('validation_failed')) return 'Please correct the highlighted fields.';
  if (error.status >= 500) return 'The server had a problem. Please try again in a moment.';
  return error.message;
}
