/**
 * `createClient()` and the immutable {@link PixiesetClient} it returns: both APIs' sessions,
 * the typed resources, login and logout, raw requests, keep-alive.
 */
import {
  type Bootstrap,
  type CurrentSession,
  type LoginResponse,
  PATHS,
  type StudioMembership,
  type StudioMembershipList,
} from '@proofsheet/protocol';
import { ApiSession } from './auth.js';
import { ResponseCache } from './cache.js';
import { type KeepAlive, startKeepAlive } from './keep-alive.js';
import {
  type ApiName,
  type ClientOptions,
  normalizeOptions,
  type ResolvedOptions,
  type SecondFactorAnswer,
  type SecondFactorProvider,
} from './options.js';
import { type ApiResponse, Requester, type RequestOptions } from './request.js';
import { CollectionsResource, type GalleryApi } from './resources/gallery.js';
import { ClientsResource, NotificationsResource, type StudioApi } from './resources/studio.js';
import { RESPONSE_SCHEMAS } from './response-schemas.js';

/** Which APIs a login or logout concerns. @default 'both' */
export type ApiSelection = ApiName | 'both';

function selected(which: ApiSelection | undefined): ApiName[] {
  return which === undefined || which === 'both' ? ['studio', 'gallery'] : [which];
}

/**
 * A client of the Studio and Gallery APIs. Create it with {@link createClient}; it is frozen,
 * and every side effect (fetch, cookies, clock, sleep, randomness, logging) is an option.
 *
 * @example
 * const client = createClient({ studioUrl: 'http://127.0.0.1:3000', galleryUrl: 'http://127.0.0.1:3001' });
 * await client.login('owner@example.com', 'correct horse battery staple');
 * const { data } = await client.studio.clients.list();
 */
export class PixiesetClient {
  /** The options after defaults. */
  readonly options: ResolvedOptions;
  /** The Studio API: clients and notifications. */
  readonly studio: StudioApi;
  /** The Gallery API: bootstrap, collections and galleries. */
  readonly gallery: GalleryApi;
  readonly #sessions: Readonly<Record<ApiName, ApiSession>>;
  readonly #requester: Requester;
  readonly #cache: ResponseCache | null;
  readonly #keepAlive: KeepAlive | null;
  readonly #input: ClientOptions;

  constructor(options: ClientOptions) {
    this.#input = options;
    this.options = normalizeOptions(options);
    this.#cache = this.options.cache ? new ResponseCache(this.options.cache) : null;
    const sessions = {
      studio: new ApiSession('studio', this.options),
      gallery: new ApiSession('gallery', this.options),
    };
    for (const session of Object.values(sessions)) {
      // A new session starts with an empty cache: nothing of the old one may show through.
      session.onSessionChange = () => this.#cache?.clear();
    }
    this.#sessions = Object.freeze(sessions);
    const requester = new Requester(this.#sessions, this.#cache, this.options.validateResponses);
    this.#requester = requester;
    this.studio = Object.freeze({
      clients: new ClientsResource(requester),
      notifications: new NotificationsResource(requester),
    });
    this.gallery = Object.freeze({
      bootstrap: async () =>
        (
          await requester.request<{ data: Bootstrap }>('gallery', 'GET', PATHS.bootstrap, {
            schema: RESPONSE_SCHEMAS.bootstrap,
          })
        ).data,
      collections: new CollectionsResource(requester),
    });
    this.#keepAlive =
      this.options.keepAliveMs === null
        ? null
        : startKeepAlive({
            intervalMs: this.options.keepAliveMs,
            idleMs: () => Date.now() - requester.lastActivity,
            touch: () => this.#touch(),
            onError: (error) => this.options.logger.warn('keep-alive failed', { error }),
          });
    Object.freeze(this);
  }

  /**
   * Logs in with email and password (a form POST to `/login`), on both APIs unless `api` says
   * one. The password is not kept: pass `credentials` to `createClient` for re-login.
   *
   * @example
   * const { user } = await client.login('owner@example.com', password);
   */
  async login(
    email: string,
    password: string,
    options: { api?: ApiSelection } = {},
  ): Promise<LoginResponse['data']> {
    const provider = this.options.secondFactor;
    // One after the other, so that a second factor is asked once: a TOTP code that opened the
    // Studio API opens the Gallery API too (each API takes a code once). A recovery code is
    // used up by the first, so the provider is asked again for the second.
    let reusable: SecondFactorAnswer | null = null;
    const secondFactor: SecondFactorProvider | null = provider
      ? async (challenge) => {
          if (reusable && !challenge.retry) return reusable;
          const answer = await provider(challenge);
          reusable = answer && 'code' in answer ? answer : null;
          return answer;
        }
      : null;
    let first: LoginResponse['data'] | null = null;
    for (const api of selected(options.api)) {
      const data = await this.#sessions[api].login({ email, password }, secondFactor);
      first ??= data;
    }
    if (!first) throw new Error('No API selected');
    return first;
  }

  /**
   * Completes a login that threw `MfaRequiredError`, with a code from the authenticator app or
   * a recovery code, on the API that asked.
   *
   * @example
   * await client.completeLogin(error.mfaToken, { code: '492039' }, { api: error.api });
   */
  async completeLogin(
    mfaToken: string,
    answer: SecondFactorAnswer,
    options: { api?: ApiName } = {},
  ): Promise<LoginResponse['data']> {
    return this.#sessions[options.api ?? 'studio'].completeLogin(mfaToken, answer);
  }

  /**
   * Uses a `Cookie` header copied from the browser's developer tools instead of a password,
   * and checks it with `GET /api/v1/session`.
   *
   * @example
   * await client.loginWithCookie('session_cookie=…; auth_token=…', { api: 'studio' });
   */
  async loginWithCookie(
    cookieHeader: string,
    options: { api?: ApiName } = {},
  ): Promise<CurrentSession['data']> {
    const api = options.api ?? 'studio';
    await this.#sessions[api].useCookieHeader(cookieHeader);
    return this.session(api);
  }

  /**
   * Ends the session on the server (and so its auth token), on both APIs unless `api` says one.
   *
   * @example
   * await client.logout();
   */
  async logout(options: { api?: ApiSelection } = {}): Promise<void> {
    await Promise.all(selected(options.api).map((api) => this.#sessions[api].logout()));
  }

  /**
   * The current session: user, role, expiry, CSRF token.
   *
   * @example
   * const { user, idle_expires_at } = await client.session();
   */
  async session(api: ApiName = 'studio'): Promise<CurrentSession['data']> {
    const options = { cache: false, schema: RESPONSE_SCHEMAS.session };
    return (await this.request<CurrentSession>(api, 'GET', PATHS.session, options)).data.data;
  }

  /**
   * The studios the signed-in user belongs to, with their role in each; `current` marks the
   * one the session is signed in to.
   *
   * @example
   * const studios = await client.studios();
   */
  async studios(api: ApiName = 'studio'): Promise<StudioMembership[]> {
    const options = { cache: false, schema: RESPONSE_SCHEMAS.studios };
    return (await this.request<StudioMembershipList>(api, 'GET', PATHS.accountStudios, options))
      .data.data;
  }

  /**
   * Moves the session to another studio of the user (`POST /api/v1/account/studios/switch`),
   * on both APIs unless `api` says one. The server ends the old session and sets new cookies;
   * the cache is emptied, and a re-login opens that studio too.
   *
   * @example
   * const { user } = await client.switchStudio('ac_Hq8Lw2Xv5Nc0Tb7Ym3Rk9Fd1Gs4Pz6');
   */
  async switchStudio(
    accountId: string,
    options: { api?: ApiSelection } = {},
  ): Promise<LoginResponse['data']> {
    let first: LoginResponse['data'] | null = null;
    for (const api of selected(options.api)) {
      const answer = await this.request<LoginResponse>(api, 'POST', PATHS.accountStudiosSwitch, {
        body: { account_id: accountId },
        schema: RESPONSE_SCHEMAS.login,
      });
      this.#sessions[api].adoptCsrfToken(answer.data.data.csrf_token);
      first ??= answer.data.data;
    }
    if (!first) throw new Error('No API selected');
    return first;
  }

  /**
   * Any endpoint, with cookies, CSRF token, retries and session recovery added.
   *
   * @example
   * const { data } = await client.request('studio', 'GET', '/api/v1/clients/', { query: { page: 2 } });
   */
  request<T = unknown>(
    api: ApiName,
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ApiResponse<T>> {
    return this.#requester.request<T>(api, method, path, options);
  }

  /**
   * A new client with some options changed (the base URLs too); the cookie jar is shared
   * unless replaced.
   *
   * @example
   * const patient = client.extend({ timeoutMs: 120_000 });
   */
  extend(overrides: Partial<ClientOptions>): PixiesetClient {
    return new PixiesetClient({ cookieJar: this.options.cookieJar, ...this.#input, ...overrides });
  }

  /**
   * Stops the keep-alive timer. The client stays usable.
   *
   * @example
   * client.close();
   */
  close(): void {
    this.#keepAlive?.stop();
  }

  async #touch(): Promise<void> {
    for (const api of ['studio', 'gallery'] as const) {
      if ((await this.#sessions[api].sessionIdentity()) === '') continue;
      await this.request(api, 'GET', PATHS.session, {
        cache: false,
        schema: RESPONSE_SCHEMAS.session,
      });
    }
  }
}

/**
 * Creates a client. `studioUrl` and `galleryUrl` are required: there is no default host.
 *
 * @example
 * const client = createClient({
 *   studioUrl: 'http://127.0.0.1:3000',
 *   galleryUrl: 'http://127.0.0.1:3001',
 *   credentials: { email: 'owner@example.com', password: process.env.PROOFSHEET_PASSWORD ?? '' },
 * });
 */
export function createClient(options: ClientOptions): PixiesetClient {
  return new PixiesetClient(options);
}
