import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { exampleOf, examplesOf, withExamples } from './examples.js';
import { UserProfile } from './user.js';

/** Longest password accepted: longer ones only cost hashing time. */
export const MAX_PASSWORD_LENGTH = 1024;
/** Shortest password accepted for new passwords. */
export const MIN_PASSWORD_LENGTH = 10;

/** A CSRF token as the examples show it (an HMAC of the session, base64url). */
const CSRF_TOKEN_EXAMPLE = 'q6Tn0bVj3Yw8Xk2Lr5Zp9Hc1Ds4Fg7Ja0Me3Uo6Wi8';

/** The body of `POST /login`, form-encoded or JSON. `_csrf` is the login form's hidden field. */
export const LoginBody = withExamples(
  Closed({
    email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    next: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  [{ email: 'owner@example.com', password: 'correct horse battery staple' }],
);
export type LoginBody = Static<typeof LoginBody>;

/**
 * What `POST /logout` reads from a body, form-encoded or JSON, if there is one: the page's
 * sign-out form sends its CSRF token as `_csrf`. Other clients send none.
 */
export const LogoutBody = withExamples(
  Closed({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
  [{ _csrf: CSRF_TOKEN_EXAMPLE }],
);
export type LogoutBody = Static<typeof LogoutBody>;

/** The JSON answer to a successful login. */
export const LoginResponse = withExamples(
  Closed({ data: Closed({ user: UserProfile, csrf_token: Type.String() }) }),
  [{ data: { user: exampleOf(UserProfile), csrf_token: CSRF_TOKEN_EXAMPLE } }],
);
export type LoginResponse = Static<typeof LoginResponse>;

/** One sign-in as its user sees it in their session list. */
export const SessionInfo = withExamples(
  Closed({
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
  }),
  [
    {
      id: 'lg_LLfowUSyHGVsECkebp3f5xERnNyBwr',
      current: true,
      created_at: '2026-03-14T09:26:53.000Z',
      last_seen_at: '2026-03-14T09:41:10.000Z',
      expires_at: '2026-03-14T21:26:53.000Z',
      idle_expires_at: '2026-03-14T10:11:10.000Z',
      refresh_expires_at: '2026-04-13T09:26:53.000Z',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)',
      ip: '203.0.113.7',
    },
    {
      id: 'lg_SILXd1LV0UCMzrJvyxloOanroi5KV8',
      current: false,
      created_at: '2026-03-12T18:02:31.000Z',
      last_seen_at: '2026-03-12T18:30:04.000Z',
      expires_at: '2026-03-13T06:02:31.000Z',
      idle_expires_at: '2026-03-12T19:00:04.000Z',
      refresh_expires_at: '2026-04-11T18:02:31.000Z',
      user_agent: 'proofsheet-cli/0.1.0',
      ip: null,
    },
  ],
);
export type SessionInfo = Static<typeof SessionInfo>;

/** `GET /api/v1/session`: the current session and its user. */
export const CurrentSession = withExamples(
  Closed({
    data: Closed({
      user: UserProfile,
      role: UserProfile.properties.role,
      session: SessionInfo,
      expires_at: Type.String(),
      idle_expires_at: Type.String(),
      csrf_token: Type.String(),
    }),
  }),
  [
    {
      data: {
        user: exampleOf(UserProfile),
        role: exampleOf(UserProfile).role,
        session: exampleOf(SessionInfo),
        expires_at: exampleOf(SessionInfo).expires_at,
        idle_expires_at: exampleOf(SessionInfo).idle_expires_at,
        csrf_token: CSRF_TOKEN_EXAMPLE,
      },
    },
  ],
);
export type CurrentSession = Static<typeof CurrentSession>;

/** `GET /api/v1/csrf-token`. */
export const CsrfTokenResponse = withExamples(
  Closed({ data: Closed({ csrf_token: Type.String() }) }),
  [{ data: { csrf_token: CSRF_TOKEN_EXAMPLE } }],
);
export type CsrfTokenResponse = Static<typeof CsrfTokenResponse>;

/** The body of `PUT /api/v1/account/password`. */
export const PasswordChange = withExamples(
  Closed({
    current_password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    new_password: Type.String({
      minLength: MIN_PASSWORD_LENGTH,
      maxLength: MAX_PASSWORD_LENGTH,
    }),
  }),
  [
    {
      current_password: 'correct horse battery staple',
      new_password: 'a longer passphrase, easier to remember',
    },
  ],
);
export type PasswordChange = Static<typeof PasswordChange>;

/** `GET /api/v1/auth/sessions`: the user's sign-ins, the current one marked. */
export const SessionList = withExamples(Closed({ data: Type.Array(SessionInfo) }), [
  { data: examplesOf(SessionInfo) },
]);
export type SessionList = Static<typeof SessionList>;

/** `POST /api/v1/auth/sessions/revoke_others`: how many other sign-ins ended. */
export const RevokedSessions = withExamples(
  Closed({ data: Closed({ revoked: Type.Integer({ minimum: 0 }) }) }),
  [{ data: { revoked: 1 } }],
);
export type RevokedSessions = Static<typeof RevokedSessions>;

/** `PUT /api/v1/account/password`: the password changed; every other sign-in ended. */
export const PasswordChanged = withExamples(
  Closed({ data: Closed({ revoked_sessions: Type.Integer({ minimum: 0 }) }) }),
  [{ data: { revoked_sessions: 1 } }],
);
export type PasswordChanged = Static<typeof PasswordChanged>;

/** `/healthz` and `/readyz`: the process's state and each dependency's. */
export const HealthReport = withExamples(
  Closed({
    status: Type.Union([Type.Literal('ok'), Type.Literal('ready'), Type.Literal('unavailable')]),
    checks: Type.Record(Type.String(), Type.Boolean()),
  }),
  [
    { status: 'ok', checks: { database: true, redis: true } },
    { status: 'ready', checks: { database: true, redis: true } },
    { status: 'unavailable', checks: { database: true, redis: false } },
  ],
);
export type HealthReport = Static<typeof HealthReport>;
