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
import { requireSessionCsrf } from './csrf.js';
import { isCrossSiteRequest, selfOrigin } from './origin-check.js';
import { chargeLimit, type Limit, type LimitState, setRateLimitHeaders } from './rate-limit.js';
import type { ActiveSession, SessionService } from './session-service.js';

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
}

declare module 'fastify' {
  interface FastifyContextConfig extends RoutePolicy {}
  interface FastifyRequest {
    /** The session the request proved, or null. Set by the auth plugin. */
    auth: ActiveSession | null;
  }
}

export interface AuthPluginOptions {
  config: Pick<Config, 'rateLimitIp' | 'rateLimitSession' | 'corsOrigins'>;
  sessions: SessionService;
  cookies: AuthCookies;
  counters: CounterStore;
  clock: Clock;
  /** The API's own origin as browsers see it, or null to take it from the Host header. */
  publicOrigin: string | null;
  secure: boolean;
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const allowedOrigins = new Set(options.config.corsOrigins);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    const policy = request.routeOptions.config;
    const authMode = policy.auth ?? (isApiRequest(request) ? 'required' : 'none');
    const now = options.clock.now();
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
      key: `ip:${request.ip}`,
      max: options.config.rateLimitIp,
      label: 'this IP address',
    });
    if (authMode !== 'none') {
      request.auth = await options.sessions.authenticate(options.cookies.read(request, 'session'));
      if (!request.auth && authMode === 'required') throw new AppError('session_expired');
      if (request.auth) {
        await charge({
          key: `session:${request.auth.login.id}`,
          max: options.config.rateLimitSession,
          label: 'this session',
        });
      }
    }

    if (request.auth && policy.roles && !policy.roles.includes(request.auth.login.role)) {
      throw new AppError('forbidden');
    }
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (isCrossSiteRequest(request, allowedOrigins, selfOrigin(request, options))) {
      throw new AppError('cross_site');
    }
    if ((policy.csrf ?? 'token') === 'token' && request.auth) {
      requireSessionCsrf(request, request.auth);
    }
  });
}

/** Resolves sessions, applies rate limits, roles and CSRF checks per the route's policy. */
export const authGuard = fp(authPlugin, { name: 'proofsheet-auth', fastify: '5.x' });
