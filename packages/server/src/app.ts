import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import { AuditLog } from './audit/audit-log.js';
import { accountStudioRoutes } from './auth/account-studios-routes.js';
import type { AuthContext } from './auth/context.js';
import { AuthCookies } from './auth/cookies.js';
import { confirmEmailRoutes, emailChangeRoutes } from './auth/email-change/email-change-routes.js';
import { EmailChanges } from './auth/email-change/email-changes.js';
import { HashPool } from './auth/hash-pool.js';
import { acceptRoutes } from './auth/invitations/accept-routes.js';
import { Invitations } from './auth/invitations/invitations.js';
import { loginRoutes } from './auth/login-routes.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { passkeyLoginRoutes } from './auth/passkeys/passkey-login-routes.js';
import { passkeyRoutes } from './auth/passkeys/passkey-routes.js';
import { Passkeys } from './auth/passkeys/passkeys.js';
import { PasswordHasher } from './auth/password.js';
import { PasswordResets } from './auth/password-reset/password-resets.js';
import { resetRoutes } from './auth/password-reset/reset-routes.js';
import { authGuard } from './auth/plugin.js';
import { sessionRoutes } from './auth/session-routes.js';
import { SessionService } from './auth/session-service.js';
import { signUpRoutes } from './auth/sign-up/sign-up-routes.js';
import { SignUps } from './auth/sign-up/sign-ups.js';
import { factorRoutes } from './auth/two-factor/factor-routes.js';
import { mfaRoutes, twoFactorGate } from './auth/two-factor/mfa-routes.js';
import { SecretBox } from './auth/two-factor/secret-box.js';
import { serverSecretKey } from './auth/two-factor/server-key.js';
import { TwoFactor } from './auth/two-factor/two-factor.js';
import type { Config } from './config/config.js';
import type { Clock, Random } from './deps.js';
import { galleryRoutes } from './gallery/routes.js';
import { visitorResolver } from './gallery/sharing/visitor-access.js';
import { AllowedMethods } from './http/allowed-methods.js';
import { apiDefaults, routeBeforeBody } from './http/api-defaults.js';
import { API_V1 } from './http/api-path.js';
import { installErrorHandler } from './http/error-handler.js';
import { conditionalGets } from './http/etag.js';
import { healthRoutes } from './http/health-routes.js';
import { boundedJsonBodies } from './http/json-body.js';
import { requireJsonBodies } from './http/json-only.js';
import { registerApiDocs } from './http/openapi/api-docs.js';
import { registerOpenApi } from './http/openapi/document.js';
import { observeResponses, type ResponseObserver } from './http/response-observer.js';
import { helmetHeaders, securityHeaders } from './http/security-headers.js';
import { nodeServerTimeouts, serverOptions } from './http/server-options.js';
import { schemaCompiler } from './http/validators.js';
import type { Storage } from './storage/ports/storage.js';
import { studioRoutes } from './studio/routes.js';
import { webRoutes } from './web/routes.js';

/** Which API an app serves. */
export type ApiKind = 'studio' | 'gallery';

/** Services shared by both APIs of one process: one hash pool caps hashing for both. */
export interface SharedServices {
  sessions: SessionService;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  hashPool: HashPool;
  /** Password reset by email. */
  resets: PasswordResets;
  /** Second factors and the second step of sign-in. */
  twoFactor: TwoFactor;
  /** WebAuthn passkeys: a second factor, and a sign-in of their own. */
  passkeys: Passkeys;
  /** Counts failed passwordless sign-ins, per passkey and IP (namespace `passkey`). */
  passkeyThrottle: LoginThrottle;
  /** Security events, recorded per studio. */
  audit: AuditLog;
  /** Invitations to a studio by email, and accepting them. */
  invitations: Invitations;
  /** Making a studio by signing up, the address verified by email. */
  signUps: SignUps;
  /** Changing a user's address, confirmed by a link sent to the new one. */
  emailChanges: EmailChanges;
}

export interface BuildAppOptions {
  api: ApiKind;
  config: Config;
  storage: Storage;
  clock: Clock;
  random: Random;
  /** A pino logger; omitted in tests, which log nothing. */
  logger?: FastifyBaseLogger;
  /** Pass the same services to both APIs of a process. */
  services?: SharedServices;
  /** PEM key and certificate: serve HTTPS. */
  https?: { key: Buffer; cert: Buffer };
  /** Shown every response sent (tests check them against the OpenAPI document). */
  observe?: ResponseObserver;
}

/** Builds the services both APIs share. */
export function createServices(
  options: Pick<BuildAppOptions, 'config' | 'storage' | 'clock' | 'random'>,
): SharedServices {
  const hashPool = new HashPool(options.config.hashConcurrency, options.config.hashQueue);
  const sessions = new SessionService(
    options.storage.sessions,
    options.config,
    options.clock,
    options.random,
  );
  const passwords = new PasswordHasher(hashPool);
  const audit = new AuditLog(options);
  const passkeys = new Passkeys(options);
  const twoFactor = new TwoFactor({
    ...options,
    audit,
    passkeys,
    box: new SecretBox(() => serverSecretKey(options.config, options.random), options.random),
    throttle: new LoginThrottle(options.storage.counters, options.config, 'mfa'),
  });
  return {
    sessions,
    passwords,
    throttle: new LoginThrottle(options.storage.counters, options.config),
    hashPool,
    resets: new PasswordResets({ ...options, passwords, sessions, audit }),
    twoFactor,
    passkeys,
    passkeyThrottle: new LoginThrottle(options.storage.counters, options.config, 'passkey'),
    audit,
    invitations: new Invitations({ ...options, passwords }),
    signUps: new SignUps({ ...options, passwords, audit }),
    emailChanges: new EmailChanges({ ...options, audit }),
  };
}

function publicUrlOf(config: Config, api: ApiKind): string | null {
  return api === 'studio' ? config.publicStudioUrl : config.publicGalleryUrl;
}

function publicOriginOf(config: Config, api: ApiKind): string | null {
  const url = publicUrlOf(config, api);
  return url ? new URL(url).origin : null;
}

/**
 * Builds one API (Studio or Gallery) as a Fastify instance. Reads no environment, opens no
 * file and does not listen: `main.ts` does that.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, storage, clock, random, api } = options;
  const secure =
    options.https !== undefined ||
    config.tls !== null ||
    publicOriginOf(config, api)?.startsWith('https:') === true;
  const services = options.services ?? createServices(options);

  const headers = helmetHeaders({
    // HSTS only means something over HTTPS; over HTTP it would be ignored or harmful.
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: { 'upgrade-insecure-requests': secure ? [] : null },
    },
  });

  // The HTTPS overload only changes the raw server's type, which nothing here touches.
  const app = Fastify({
    ...(options.https ? { https: { ...options.https, ...nodeServerTimeouts(config) } } : {}),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...serverOptions(config, headers),
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    genReqId: () => randomUUID(),
  }) as unknown as FastifyInstance;
  app.server.maxConnections = config.maxConnections;
  app.setValidatorCompiler(schemaCompiler());
  const allowed = new AllowedMethods();
  allowed.watch(app);
  installErrorHandler(app, allowed);
  securityHeaders(app, headers);
  apiDefaults(app);
  await app.register(fastifyCors, {
    // An explicit list, never "*": the APIs are called with credentials.
    origin: [...config.corsOrigins],
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Content-Type',
      'X-CSRF-Token',
      'X-XSRF-TOKEN',
      'If-None-Match',
      'Range',
      'If-Range',
      'X-Request-Id',
      // Resumable uploads (tus): a browser on another allowed origin sends these.
      'Tus-Resumable',
      'Upload-Length',
      'Upload-Offset',
      'Upload-Metadata',
    ],
    exposedHeaders: [
      'X-CSRF-Token',
      'ETag',
      'Content-Disposition',
      'Content-Range',
      'Accept-Ranges',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
      'X-Request-Id',
      'Location',
      'Tus-Resumable',
      'Upload-Offset',
      'Upload-Length',
    ],
    maxAge: 600,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimit });
  boundedJsonBodies(app);
  requireJsonBodies(app);
  conditionalGets(app);
  // Last of the onSend hooks: it sees what the others made of the response.
  if (options.observe) observeResponses(app, api, options.observe);

  const cookies = new AuthCookies(secure, config);
  const publicOrigin = publicOriginOf(config, api);
  await app.register(authGuard, {
    config,
    sessions: services.sessions,
    cookies,
    counters: storage.counters,
    clock,
    publicOrigin,
    secure,
    // Share-link visitors exist on the Gallery API alone.
    ...(api === 'gallery' ? { visitors: visitorResolver(storage, clock) } : {}),
  });
  routeBeforeBody(app, allowed);

  const authContext: AuthContext = {
    config,
    storage,
    clock,
    random,
    sessions: services.sessions,
    cookies,
    passwords: services.passwords,
    throttle: services.throttle,
    signInGate: twoFactorGate({ api, cookies, random, twoFactor: services.twoFactor }),
    audit: services.audit,
    api,
    publicOrigin,
    secure,
  };
  const appContext: AppContext = {
    config,
    storage,
    clock,
    random,
    passwords: services.passwords,
  };
  await registerOpenApi(app, { api, publicUrl: publicUrlOf(config, api), secure });
  await registerApiDocs(
    app,
    api === 'studio' ? 'Proofsheet Studio API reference' : 'Proofsheet Gallery API reference',
  );
  await app.register(healthRoutes, { storage });
  await app.register(async (scope) => loginRoutes(scope, authContext));
  const twoFactorContext = { ...authContext, twoFactor: services.twoFactor };
  await app.register(async (scope) => mfaRoutes(scope, twoFactorContext));
  const passkeyContext = {
    ...twoFactorContext,
    passkeys: services.passkeys,
    passkeyThrottle: services.passkeyThrottle,
  };
  await app.register(async (scope) => passkeyLoginRoutes(scope, passkeyContext));
  await app.register(async (scope) =>
    resetRoutes(scope, { ...authContext, resets: services.resets }),
  );
  await app.register(async (scope) =>
    acceptRoutes(scope, { ...authContext, invitations: services.invitations }),
  );
  // A studio is made on the Studio API; either API's users change their address.
  if (api === 'studio') {
    await app.register(async (scope) =>
      signUpRoutes(scope, { ...authContext, signUps: services.signUps }),
    );
  }
  const emailContext = { ...authContext, emailChanges: services.emailChanges };
  await app.register(async (scope) => confirmEmailRoutes(scope, emailContext));
  await app.register(async (scope) => webRoutes(scope, authContext));
  // Every resource of the version lives in one scope under its prefix.
  await app.register(
    async (scope) => {
      await sessionRoutes(scope, authContext);
      await accountStudioRoutes(scope, authContext);
      await factorRoutes(scope, twoFactorContext);
      await emailChangeRoutes(scope, emailContext);
      await passkeyRoutes(scope, passkeyContext);
      if (api === 'studio') {
        await studioRoutes(scope, appContext, {
          sessions: services.sessions,
          audit: services.audit,
          invitations: services.invitations,
          publicOrigin,
          secure,
        });
      }
      if (api === 'gallery') {
        await galleryRoutes(scope, appContext, {
          invitations: services.invitations,
          audit: services.audit,
          publicOrigin,
          secure,
        });
      }
    },
    { prefix: API_V1 },
  );
  return app;
}
