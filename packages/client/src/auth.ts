/**
 * The session lifecycle of one API: log in (password or a copied `Cookie` header), add the
 * CSRF token to unsafe requests, and recover from 401 (refresh with the auth token, else log in
 * again with the configured credentials, else `AuthError`) and from a stale CSRF token. However
 * many requests fail together, one recovery is in flight; each request is retried at most once
 * per cause. A loop, not recursion: the seed's examples recurse forever when login fails.
 */
import {
  cookieName,
  HEADERS,
  type LoginResponse,
  PATHS,
  UNSAFE_METHODS,
} from '@proofsheet/protocol';
import { parseCookieHeader, readCookie } from './cookie-jar.js';
import { isCsrfMismatch } from './error-code.js';
import { AuthError, HttpError } from './errors.js';
import type { ApiName, Credentials, ResolvedOptions } from './options.js';
import { exchangeWithRetries, type Outgoing, type Received } from './transport.js';

/** What a request through the session may ask for. */
export interface SessionRequest extends Outgoing {
  /** `false` for requests that must not trigger refresh or re-login (login itself). */
  auth?: boolean;
}

/** The session of one API (Studio or Gallery). */
export class ApiSession {
  readonly api: ApiName;
  readonly baseUrl: string;
  readonly #deps: ResolvedOptions;
  readonly #secure: boolean;
  #csrf: string | null = null;
  #recovery: Promise<void> | null = null;
  /** Called after each login, refresh or logout: the cache drops what the old session saw. */
  onSessionChange: () => void = () => undefined;

  constructor(api: ApiName, deps: ResolvedOptions) {
    this.api = api;
    this.baseUrl = deps.baseUrls[api];
    this.#deps = deps;
    this.#secure = new URL(this.baseUrl).protocol === 'https:';
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** Sends a request with retries, CSRF token and authentication recovery. */
  async send(request: SessionRequest): Promise<Received> {
    let authRetried = request.auth === false;
    let csrfRetried = false;
    for (;;) {
      const received = await exchangeWithRetries(this.#deps, request, (h, c) =>
        this.#decorate(request.method, h, c),
      );
      this.#noteCsrf(received);
      if (received.status === 401 && !authRetried) {
        authRetried = true;
        await this.#recover(received.sentCookie, request);
        continue;
      }
      if (!csrfRetried && isCsrfMismatch(received.status, jsonOrText(received.text))) {
        csrfRetried = true;
        await this.#fetchCsrfToken();
        continue;
      }
      return received;
    }
  }

  /** Logs in with a form POST, as a browser would, asking for JSON back. */
  async login(credentials: Credentials): Promise<LoginResponse['data']> {
    const url = this.url(PATHS.login);
    const received = await this.send({
      method: 'POST',
      url,
      auth: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: credentials.email,
        password: credentials.password,
      }).toString(),
    });
    if (received.status !== 200) {
      const cause = httpError(received, 'POST', url);
      if (received.status === 401) {
        throw new AuthError(
          `Login refused by ${this.baseUrl}: ${cause.serverMessage ?? cause.error}`,
          'POST',
          url,
          cause,
        );
      }
      throw cause;
    }
    const body = JSON.parse(received.text) as LoginResponse;
    this.#csrf = body.data.csrf_token;
    this.onSessionChange();
    return body.data;
  }

  /** Stores cookies copied from a browser (`session_cookie=…; auth_token=…`). */
  async useCookieHeader(header: string): Promise<void> {
    const pairs = parseCookieHeader(header);
    if (pairs.length === 0) throw new TypeError('The cookie header holds no name=value pair');
    for (const [name, value] of pairs) {
      await this.#deps.cookieJar.setCookie(`${name}=${value}; Path=/`, this.url('/'));
    }
    this.#csrf = null;
    this.onSessionChange();
  }

  /** Ends the session on the server; the server clears the cookies. */
  async logout(): Promise<void> {
    await this.send({ method: 'POST', url: this.url(PATHS.logout), auth: false, headers: {} });
    this.#csrf = null;
    this.onSessionChange();
  }

  /** The session cookie's current value: it names the session the cache is keyed by. */
  async sessionIdentity(): Promise<string> {
    const cookie = await this.#deps.cookieJar.getCookieString(this.url('/api/'));
    return readCookie(cookie, cookieName('session', this.#secure)) ?? '';
  }

  #decorate(method: string, headers: Record<string, string>, cookie: string): void {
    if (!UNSAFE_METHODS.has(method)) return;
    // The jar's copy is current even when another process refreshed the shared session.
    const token = readCookie(cookie, cookieName('csrf', this.#secure)) ?? this.#csrf;
    if (token) headers[HEADERS.csrfToken] = token;
  }

  #noteCsrf(received: Received): void {
    const token = received.headers.get(HEADERS.csrfToken);
    if (token) this.#csrf = token;
  }

  /** Single flight: concurrent 401s wait for the recovery already running. */
  async #recover(sentCookie: string, request: SessionRequest): Promise<void> {
    if (this.#recovery) return this.#recovery;
    // Another request (or process) renewed the session after this one was sent: just retry.
    const current = await this.#deps.cookieJar.getCookieString(this.url('/api/'));
    const name = cookieName('session', this.#secure);
    if (readCookie(current, name) !== readCookie(sentCookie, name) && readCookie(current, name))
      return;
    this.#recovery = this.#refreshOrLogin(request).finally(() => {
      this.#recovery = null;
    });
    return this.#recovery;
  }

  async #refreshOrLogin(request: SessionRequest): Promise<void> {
    const cookie = await this.#deps.cookieJar.getCookieString(this.url('/api/'));
    const hasAuthToken = readCookie(cookie, cookieName('authToken', this.#secure)) !== null;
    let cause: unknown = null;
    if (hasAuthToken) {
      const url = this.url(PATHS.sessionRefresh);
      const refreshed = await exchangeWithRetries(this.#deps, { method: 'POST', url, headers: {} });
      if (refreshed.status === 200) {
        this.#noteCsrf(refreshed);
        this.#deps.logger.debug('session refreshed', { api: this.api });
        this.onSessionChange();
        return;
      }
      cause = httpError(refreshed, 'POST', url);
      if (refreshed.status !== 401) throw cause;
    }
    const credentials = this.#deps.credentials ? await this.#deps.credentials() : null;
    if (!credentials) {
      throw new AuthError(
        `Session expired or invalid and no credentials to log in again: ${request.method} ${request.url}; log in first or pass options.credentials`,
        request.method,
        request.url,
        cause,
      );
    }
    this.#deps.logger.warn('session could not be refreshed; logging in again', { api: this.api });
    await this.login(credentials);
  }

  async #fetchCsrfToken(): Promise<void> {
    const url = this.url(PATHS.csrfToken);
    const received = await this.send({ method: 'GET', url, headers: {} });
    if (received.status !== 200) throw httpError(received, 'GET', url);
    this.#csrf = (JSON.parse(received.text) as { data: { csrf_token: string } }).data.csrf_token;
  }
}

/** A body as JSON, or its text when it is not JSON (a proxy's HTML error page). */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The {@link HttpError} for an error response. */
export function httpError(received: Received, method: string, url: string): HttpError {
  const body = jsonOrText(received.text);
  return new HttpError({ status: received.status, method, url, body, headers: received.headers });
}
