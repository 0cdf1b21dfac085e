import { type Role, UNSAFE_METHODS } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config/config.js';
import type { Clock } from '../deps.js';
import { isApiRequest } from '../http/api-path.js';
import { AppError } from '../http/app-error.js';
import type { CounterStore } from '../storage/ports/counter-store.js';
import { isStorageUnavailable } from '../storage/unavailable.js';
import type { AuthCookies } from './cookies.js';
import { requireSessionCsrf, requireVisitorCsrf } from './csrf.js';
import { isCrossSiteRequest, selfOrigin } from './origin-check.js';
import { chargeLimit, type Limit, type LimitState, setRateLimitHeaders } from './rate-limit.js';
import type { ActiveSession, SessionService } from './session-service.js';
import type { VisitorAccess, VisitorResolver } from './visitors.js';

/** How a route is guarded, set in its `config`. */
export interface RoutePolicy {
  /** `required` (the default under `/api/`): 401 without a session. `optional`: resolve if present. */
  auth?: 'required' | 'optional' | 'none';
  /** Roles allowed; others get 403. Absent: any signed-in role. */
  roles?: readonly Role[];
  /**
   * `token` (the default): unsafe methods need the session's CSRF token. `origin`: only the
   * cross-site check (for endpoints that run without a session, such as refresh).
   */
  csrf?: 'token' | 'origin';
  /**
   * Serve the route even when the rate-limit counters cannot be reached (as
   * @fastify/rate-limit's `skipOnError`): health checks must be able to report that outage.
   */
  rateLimitSkipOnError?: boolean;
  /**
   * Share-link visitors may call the route too (without a session, with a visitor cookie):
   * `true`, unless the collection's password is owed (403 `password_required`); `'locked'`
   * even then (for `before_show`, which says so). Absent: a visitor gets 401 like anyone
   * without a session. Routes that opt in read who is asking with `requestViewer`.
   */
  visitors?: boolean | 'locked';
  /**
   * `images`: counted in budgets of their own, not in the API's: `rateLimitImages` a minute
   * per session or visitor, twice that per IP. A gallery page asks for a thumbnail per
   * photo and a lightbox for larger sizes as it goes: a wedding scrolled through would spend
   * the API's budget in a minute, and the next click would be refused.
   */
  rateLimit?: 'api' | 'images';
}

declare module 'fastify' {
  interface FastifyContextConfig extends RoutePolicy {}
  interface FastifyRequest {
    /** The session the request proved, or null. Set by the auth plugin. */
    auth: ActiveSession | null;
    /**
     * The share-link visitor the request proved, or null: looked for only on routes that let
     * visitors in, and only when there is no session. Set by the auth plugin.
     */
    visitor: VisitorAccess | null;
  }
}

export interface AuthPluginOptions {
  config: Pick<Config, 'rateLimitIp' | 'rateLimitSession' | 'rateLimitImages' | 'corsOrigins'>;
  sessions: SessionService;
  cookies: AuthCookies;
  counters: CounterStore;
  clock: Clock;
  /** The API's own origin as browsers see it, or null to take it from the Host header. */
  publicOrigin: string | null;
  secure: boolean;
  /** Resolves visitor cookies; absent on the Studio API, which has no visitors. */
  visitors?: VisitorResolver;
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const allowedOrigins = new Set(options.config.corsOrigins);
  app.decorateRequest('auth', null);
  app.decorateRequest('visitor', null);

  app.addHook('onRequest', async (request, reply) => {
    const policy = request.routeOptions.config;
    const authMode = policy.auth ?? (isApiRequest(request) ? 'required' : 'none');
    const now = options.clock.now();
    const images = policy.rateLimit === 'images';
    // Image budgets are counted under keys of their own; the labels say which was spent.
    const bucket = images ? 'images:' : '';
    // An IP may be a household or a venue's network: twice one viewer's, as the API's defaults.
    const perIp = images ? 2 * options.config.rateLimitImages : options.config.rateLimitIp;
    const perSession = images ? options.config.rateLimitImages : options.config.rateLimitSession;
    const what = images ? 'images for ' : '';
    const passed: LimitState[] = [];
    const charge = async (limit: Limit) => {
      try {
        passed.push(await chargeLimit(options.counters, limit, now));
      } catch (error) {
        if (!(policy.rateLimitSkipOnError && isStorageUnavailable(error))) throw error;
      }
      setRateLimitHeaders(reply, passed, now);
    };

    // The IP first: a request without a valid session counts too, and once over costs no lookup.
    await charge({
      key: `${bucket}ip:${request.ip}`,
      max: perIp,
      label: `${what}this IP address`,
    });
    if (authMode !== 'none') {
      request.auth = await options.sessions.authenticate(options.cookies.read(request, 'session'));
      // A session wins: someone signed in is themselves, whatever link they opened before.
      if (!request.auth && policy.visitors && options.visitors) {
        request.visitor = await options.visitors.resolve(options.cookies.read(request, 'visitor'));
      }
      if (!request.auth && !request.visitor && authMode === 'required') {
        throw new AppError('session_expired');
      }
      if (request.auth) {
        await charge({
          key: `${bucket}session:${request.auth.login.id}`,
          max: perSession,
          label: `${what}this session`,
        });
      } else if (request.visitor) {
        await charge({
          key: `${bucket}visitor:${request.visitor.tokenHash}`,
          max: perSession,
          label: `${what}this visitor session`,
        });
        // Checked on every request, images included: a password checked on the page alone
        // would leave every image address open.
        if (request.visitor.locked && policy.visitors !== 'locked') {
          throw new AppError('password_required');
        }
      }
    }

    if (policy.roles) {
      // A visitor holds no role: a route for some roles is never theirs.
      if (request.visitor) throw new AppError('forbidden');
      if (request.auth && !policy.roles.includes(request.auth.login.role)) {
        throw new AppError('forbidden');
      }
    }
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (isCrossSiteRequest(request, allowedOrigins, selfOrigin(request, options))) {
      throw new AppError('cross_site');
    }
    if ((policy.csrf ?? 'token') === 'token') {
      if (request.auth) requireSessionCsrf(request, request.auth);
      else if (request.visitor) requireVisitorCsrf(request, request.visitor);
    }
  });
}

/** Resolves sessions, applies rate limits, roles and CSRF checks per the route's policy. */
export const authGuard = fp(authPlugin, { name: 'proofsheet-auth', fastify: '5.x' });
