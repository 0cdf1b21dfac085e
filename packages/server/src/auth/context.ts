import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/config.js';
import type { Clock, Random } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';
import type { AuthCookies } from './cookies.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordHasher } from './password.js';
import type { SessionService } from './session-service.js';

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
  /** The studio's security log: sign-ins, sign-outs, password changes, revocations. */
  audit: AuditLog;
  /** Which API this app serves; pages and redirects differ. */
  api: 'studio' | 'gallery';
  publicOrigin: string | null;
  secure: boolean;
}
