/**
 * Turns a method, path and options into a parsed JSON answer: builds the URL and body, goes
 * through the API's session (retries, CSRF, auth recovery) and the GET cache, throws
 * `HttpError` for error statuses and, with `validateResponses`, `ResponseShapeError` for a
 * body that does not match its schema.
 */
import { UNSAFE_METHODS } from '@proofsheet/protocol';
import type { ApiSession } from './auth.js';
import { cacheKey, type ResponseCache, resourcePrefix } from './cache.js';
import type { ApiName } from './options.js';
import { errorResponse, successBody } from './response-body.js';
import type { ResponseSchema } from './response-shape.js';
import type { Received } from './transport.js';

/** A query parameter value; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/** Options of one request. */
export interface RequestOptions {
  /** Query parameters, appended to the path. */
  query?: Record<string, QueryValue>;
  /** A JSON body. */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Repeating the request is harmless: retry it even after a network error. @default false */
  idempotent?: boolean;
  /** Cancels the request. */
  signal?: AbortSignal;
  /** Use the GET cache. @default true */
  cache?: boolean;
  /**
   * The schema of the success body, checked when the client's `validateResponses` is on.
   * Without one only error bodies are checked. Resource methods pass theirs.
   * @default none
   */
  schema?: ResponseSchema;
}

/** A parsed answer with its status and headers. */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/** Sends requests to either API. */
export class Requester {
  readonly #sessions: Readonly<Record<ApiName, ApiSession>>;
  readonly #cache: ResponseCache | null;
  readonly #validate: boolean;
  #lastActivity = 0;

  constructor(
    sessions: Readonly<Record<ApiName, ApiSession>>,
    cache: ResponseCache | null,
    validate: boolean,
  ) {
    this.#sessions = sessions;
    this.#cache = cache;
    this.#validate = validate;
  }

  /** When the last request was sent (ms since the epoch, from `Date.now()`). */
  get lastActivity(): number {
    return this.#lastActivity;
  }

  async request<T>(
    api: ApiName,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const upper = method.toUpperCase();
    const session = this.#sessions[api];
    const fullPath = withQuery(path, options.query);
    this.#lastActivity = Date.now();
    let received: Received;
    // A caller's AbortSignal must not cancel other callers' shared request: those go alone.
    if (upper === 'GET' && this.#cache && options.cache !== false && !options.signal) {
      const cache = this.#cache;
      const key = cacheKey(api, await session.sessionIdentity(), fullPath);
      received = await cache.shared(key, () =>
        this.#cachedGet(session, cache, key, fullPath, options),
      );
    } else {
      received = await session.send(outgoing(session, upper, fullPath, options));
      if (UNSAFE_METHODS.has(upper) && received.status < 400) {
        this.#cache?.invalidate(api, resourcePrefix(fullPath));
      }
    }
    const context = {
      method: upper,
      path: fullPath,
      url: session.url(fullPath),
      validate: this.#validate,
    };
    if (received.status >= 400) throw errorResponse(received, context);
    const data = successBody<T>(received, context, options.schema);
    return { status: received.status, headers: received.headers, data };
  }

  async #cachedGet(
    session: ApiSession,
    cache: ResponseCache,
    key: string,
    path: string,
    options: RequestOptions,
  ): Promise<Received> {
    const entry = cache.get(key);
    const request = outgoing(session, 'GET', path, options);
    if (entry) request.headers['if-none-match'] = entry.etag;
    const received = await session.send(request);
    if (received.status === 304 && entry) return { ...received, status: 200, text: entry.text };
    const etag = received.headers.get('etag');
    const noStore = /no-store/i.test(received.headers.get('cache-control') ?? '');
    if (received.status === 200 && etag && !noStore) {
      cache.set(key, { etag, text: received.text, bytes: Buffer.byteLength(received.text) });
    }
    return received;
  }
}

function outgoing(session: ApiSession, method: string, path: string, options: RequestOptions) {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return {
    method,
    url: session.url(path),
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(options.idempotent ? { idempotent: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/**
 * Appends query parameters, leaving out `undefined` and `null`.
 *
 * @example
 * withQuery('/api/v1/clients/', { page: 2, types: undefined }); // '/api/v1/clients/?page=2'
 */
export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}
