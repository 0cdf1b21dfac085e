/**
 * The session lifecycle of one API: log in (password or a copied `Cookie` header), add the
 * CSRF token to unsafe requests, and recover from `session_expired` (refresh with the auth
 * token, else log in again with the configured credentials, else `AuthError`) and from
 * `csrf_mismatch`. However many requests fail together, one recovery is in flight; each request
 * is retried at most once per cause. A loop, not recursion: the seed's examples recurse forever
 * when login fails. Every decision keys on the error body's `code`, never on its message text.
 */
import {
  type CsrfTokenResponse,
  cookieName,
  type ErrorCode,
  HEADERS,
  type LoginResponse,
  PATHS,
  UNSAFE_METHODS,
} from '@proofsheet/protocol';
import { parseCookieHeader, readCookie } from './cookie-jar.js';
import { AuthError, type HttpError, MfaRequiredError } from './errors.js';
import type {
  ApiName,
  Credentials,
  ResolvedOptions,
  SecondFactorAnswer,
  SecondFactorProvider,
} from './options.js';
import { errorCode, errorResponse, type ResponseContext, successBody } from './response-body.js';
import { RESPONSE_SCHEMAS } from './response-schemas.js';
import { exchangeWithRetries, type Outgoing, type Received } from './transport.js';

// The codes the session acts on; any other code (or none) is passed to the caller as is.
const SESSION_EXPIRED: ErrorCode = 'session_expired';
const CSRF_MISMATCH: ErrorCode = 'csrf_mismatch';
const INVALID_CREDENTIALS: ErrorCode = 'invalid_credentials';
const MFA_REQUIRED: ErrorCode = 'mfa_required';
const MFA_CODE_INVALID = 'mfa_code_invalid' satisfies ErrorCode;
/** Answers asked of the `secondFactor` provider per sign-in before giving up. */
const MFA_ATTEMPTS = 3;

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
      const code = errorCode(received);
      if (code === SESSION_EXPIRED && !authRetried) {
        authRetried = true;
        await this.#recover(received.sentCookie, request);
        continue;
      }
      if (code === CSRF_MISMATCH && !csrfRetried) {
        csrfRetried = true;
        await this.#fetchCsrfToken();
        continue;
      }
      return received;
    }
  }

  /**
   * Logs in with a form POST, as a browser would, asking for JSON back. For an account with a
   * second factor, `secondFactor` (or the client's option) is asked for the code; without one,
   * `MfaRequiredError` carries what `completeLogin` needs.
   */
  async login(
    credentials: Credentials,
    secondFactor: SecondFactorProvider | null = this.#deps.secondFactor,
  ): Promise<LoginResponse['data']> {
    const context = this.#context('POST', PATHS.login);
    const received = await this.send({
      method: 'POST',
      url: context.url,
      auth: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: credentials.email,
        password: credentials.password,
      }).toString(),
    });
    if (received.status === 401 && errorCode(received) === MFA_REQUIRED) {
      const pending = JSON.parse(received.text) as {
        mfa_token: string;
        mfa_expires_at: string;
        mfa_methods: string[];
      };
      const expiresAt = new Date(pending.mfa_expires_at);
      if (!secondFactor) {
        throw new MfaRequiredError(
          `${this.baseUrl} asks for a second factor for ${credentials.email}: pass options.secondFactor, or call completeLogin with the mfaToken`,
          'POST',
          context.url,
          pending.mfa_token,
          this.api,
          expiresAt,
        );
      }
      for (let attempt = 0; attempt < MFA_ATTEMPTS; attempt += 1) {
        const answer = await secondFactor({
          api: this.api,
          email: credentials.email,
          methods: pending.mfa_methods,
          expiresAt,
          retry: attempt > 0,
        });
        if (!answer) break;
        const outcome = await this.#secondStep(pending.mfa_token, answer);
        if (outcome !== MFA_CODE_INVALID) return outcome;
      }
      throw new AuthError(
        `Login refused by ${this.baseUrl}: no valid second factor for ${credentials.email}`,
        'POST',
        context.url,
      );
    }
    return this.#signedIn(received, context, (cause) => cause.code === INVALID_CREDENTIALS);
  }

  /**
   * The end of a sign-in (either step): the new session's CSRF token. A refusal (`isRefusal`)
   * is an `AuthError`; any other failure is thrown as the server's error.
   */
  #signedIn(
    received: Received,
    context: ResponseContext,
    isRefusal: (cause: HttpError) => boolean,
  ): LoginResponse['data'] {
    if (received.status !== 200) {
      const cause = errorResponse(received, context);
      if (!isRefusal(cause)) throw cause;
      throw new AuthError(
        `Login refused by ${this.baseUrl}: ${cause.serverMessage ?? cause.error}`,
        'POST',
        context.url,
        cause,
      );
    }
    const body = successBody<LoginResponse>(received, context, RESPONSE_SCHEMAS.login);
    this.#csrf = body.data.csrf_token;
    this.onSessionChange();
    return body.data;
  }

  /**
   * The second step of a sign-in that answered `mfa_required`: the pending token and a code.
   * A wrong code throws `AuthError` (`mfa_code_invalid` in its cause); the token may be tried
   * again a few times.
   */
  async completeLogin(
    mfaToken: string,
    answer: SecondFactorAnswer,
  ): Promise<LoginResponse['data']> {
    const outcome = await this.#secondStep(mfaToken, answer);
    if (outcome === MFA_CODE_INVALID) {
      throw new AuthError(`${this.baseUrl} refused the code`, 'POST', this.url(PATHS.loginMfa));
    }
    return outcome;
  }

  /** `POST /login/mfa`: the session, or `mfa_code_invalid` to ask again; anything else throws. */
  async #secondStep(
    mfaToken: string,
    answer: SecondFactorAnswer,
  ): Promise<LoginResponse['data'] | typeof MFA_CODE_INVALID> {
    const context = this.#context('POST', PATHS.loginMfa);
    const fields: Record<string, string> = { mfa_token: mfaToken };
    if ('code' in answer) fields.code = answer.code;
    else fields.recovery_code = answer.recoveryCode;
    const received = await this.send({
      method: 'POST',
      url: context.url,
      auth: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    if (errorCode(received) === MFA_CODE_INVALID) return MFA_CODE_INVALID;
    // Any other 401 (`mfa_token_invalid`): this sign-in is over; start again with the password.
    return this.#signedIn(received, context, (cause) => cause.status === 401);
  }

  /** A new session's CSRF token, from an answer that replaced the session (a studio switch). */
  adoptCsrfToken(token: string): void {
    this.#csrf = token;
    this.onSessionChange();
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
    const url = this.url(PATHS.logout);
    const received = await this.send({ method: 'POST', url, auth: false, headers: {} });
    // An error is not thrown: the session is forgotten here whatever the server said.
    if (received.status < 400) {
      successBody(received, this.#context('POST', PATHS.logout), RESPONSE_SCHEMAS.logout);
    }
    this.#csrf = null;
    this.onSessionChange();
  }

  /** The session cookie's current value: it names the session the cache is keyed by. */
  async sessionIdentity(): Promise<string> {
    const cookie = await this.#deps.cookieJar.getCookieString(this.url('/api/'));
    return readCookie(cookie, cookieName('session', this.#secure)) ?? '';
  }

  #context(method: string, path: string): ResponseContext {
    return { method, path, url: this.url(path), validate: this.#deps.validateResponses };
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
      const context = this.#context('POST', PATHS.sessionRefresh);
      const refreshed = await exchangeWithRetries(this.#deps, {
        method: 'POST',
        url: context.url,
        headers: {},
      });
      if (refreshed.status === 200) {
        successBody(refreshed, context, RESPONSE_SCHEMAS.refresh);
        this.#noteCsrf(refreshed);
        this.#deps.logger.debug('session refreshed', { api: this.api });
        this.onSessionChange();
        return;
      }
      const refused = errorResponse(refreshed, context);
      // Only an expired or revoked auth token calls for a login; anything else is the caller's.
      if (refused.code !== SESSION_EXPIRED) throw refused;
      cause = refused;
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
    const context = this.#context('GET', PATHS.csrfToken);
    const received = await this.send({ method: 'GET', url: context.url, headers: {} });
    if (received.status !== 200) throw errorResponse(received, context);
    const body = successBody<CsrfTokenResponse>(received, context, RESPONSE_SCHEMAS.csrfToken);
    this.#csrf = body.data.csrf_token;
  }
}
