import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { UserProfile } from './user.js';

/** Longest password accepted: longer ones only cost hashing time. */
export const MAX_PASSWORD_LENGTH = 1024;
/** Shortest password accepted for new passwords. */
export const MIN_PASSWORD_LENGTH = 10;

/** The body of `POST /login`, form-encoded or JSON. `_csrf` is the login form's hidden field. */
export const LoginBody = Closed({
  email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type LoginBody = Static<typeof LoginBody>;

/** The JSON answer to a successful login. */
export const LoginResponse = Closed({
  data: Closed({ user: UserProfile, csrf_token: Type.String() }),
});
export type LoginResponse = Static<typeof LoginResponse>;

/** One sign-in as its user sees it in their session list. */
export const SessionInfo = Closed({
  id: Type.String({ pattern: ID_PATTERNS.login }),
  current: Type.Boolean(),
  created_at: Type.String(),
  last_seen_at: Type.String(),
  /** When the current session ends at the latest (its absolute lifetime). */
  expires_at: Type.String(),
  /** When the current session ends if it is not used. */
  idle_expires_at: Type.String(),
  /** When the auth token that can renew the session expires. */
  refresh_expires_at: Type.String(),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
});
export type SessionInfo = Static<typeof SessionInfo>;

/** `GET /api/v1/session`: the current session and its user. */
export const CurrentSession = Closed({
  data: Closed({
    user: UserProfile,
    role: UserProfile.properties.role,
    session: SessionInfo,
    expires_at: Type.String(),
    idle_expires_at: Type.String(),
    csrf_token: Type.String(),
  }),
});
export type CurrentSession = Static<typeof CurrentSession>;

/** `GET /api/v1/csrf-token`. */
export const CsrfTokenResponse = Closed({ data: Closed({ csrf_token: Type.String() }) });
export type CsrfTokenResponse = Static<typeof CsrfTokenResponse>;

/** The body of `PUT /api/v1/account/password`. */
export const PasswordChange = Closed({
  current_password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  new_password: Type.String({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
  }),
});
export type PasswordChange = Static<typeof PasswordChange>;

/** `GET /api/v1/auth/sessions`: the user's sign-ins, the current one marked. */
export const SessionList = Closed({ data: Type.Array(SessionInfo) });
export type SessionList = Static<typeof SessionList>;

/** `POST /api/v1/auth/sessions/revoke_others`: how many other sign-ins ended. */
export const RevokedSessions = Closed({ data: Closed({ revoked: Type.Integer({ minimum: 0 }) }) });
export type RevokedSessions = Static<typeof RevokedSessions>;

/** `PUT /api/v1/account/password`: the password changed; every other sign-in ended. */
export const PasswordChanged = Closed({
  data: Closed({ revoked_sessions: Type.Integer({ minimum: 0 }) }),
});
export type PasswordChanged = Static<typeof PasswordChanged>;

/** `/healthz` and `/readyz`: the process's state and each dependency's. */
export const HealthReport = Closed({
  status: Type.Union([Type.Literal('ok'), Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), Type.Boolean()),
});
export type HealthReport = Static<typeof HealthReport>;
