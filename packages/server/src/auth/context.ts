import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/config.js';
import type { Clock, Random } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';
import type { UserRecord } from '../storage/ports/user-store.js';
import type { AuthCookies } from './cookies.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordHasher } from './password.js';
import type { SessionService } from './session-service.js';

/**
 * What stands between a right password and a session: the second step of sign-in. Defined here
 * so that sign-in does not depend on how second factors work (`two-factor/` implements it).
 */
export interface SignInGate {
  /**
   * Whether `user` needs another step; if so the gate has answered the request (a 401
   * `mfa_required`, or the page asking for the code) and no cookie is set.
   */
  interrupt(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRecord,
    options: { html: boolean; next: string },
  ): Promise<boolean>;
}

/** What the auth routes need, built once per process and shared by both APIs. */
export interface AuthContext {
  config: Config;
  storage: Storage;
  clock: Clock;
  random: Random;
  sessions: SessionService;
  cookies: AuthCookies;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  signInGate: SignInGate;
  /** The studio's security log: sign-ins, sign-outs, password changes, revocations. */
  audit: AuditLog;
  /** Which API this app serves; pages and redirects differ. */
  api: 'studio' | 'gallery';
  publicOrigin: string | null;
  secure: boolean;
}
