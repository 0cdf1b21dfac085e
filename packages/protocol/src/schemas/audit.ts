import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { ROLES } from '../roles.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';
import { PAGE_PARAMS, Page } from './pagination.js';
import { Instant } from './sharing.js';

/**
 * The security events a studio's audit log records, each with what it means. The list grows:
 * a client must show a type it does not know (by its name) rather than fail, and a server only
 * ever adds types, never renames one. Some are not recorded yet; they are here so that the
 * features that will record them (two-factor sign-in, invitations, members) share one list.
 */
export const AUDIT_EVENT_TYPES = {
  'sign_in.succeeded': 'Signed in',
  'sign_in.failed': 'A sign-in with a wrong password',
  'sign_in.throttled': 'A sign-in refused: too many failures',
  sign_out: 'Signed out',
  'password.changed': 'Changed their password',
  'password.reset_requested': 'Asked for a password reset link',
  'password.reset': 'Set a new password with a reset link',
  'session.revoked': 'Ended one of their sign-ins',
  'sessions.revoked_all': 'Ended every other sign-in',
  'mfa.enabled': 'Turned on two-factor sign-in',
  'mfa.disabled': 'Turned off two-factor sign-in',
  'mfa.succeeded': 'Passed the two-factor check',
  'mfa.failed': 'Failed the two-factor check',
  'recovery_codes.regenerated': 'Made new recovery codes',
  'recovery_code.used': 'Signed in with a recovery code',
  'passkey.added': 'Added a passkey',
  'passkey.removed': 'Removed a passkey',
  'invitation.sent': 'Invited someone to the studio',
  'invitation.accepted': 'Accepted an invitation',
  'invitation.revoked': 'Withdrew an invitation',
  'member.role_changed': "Changed a member's role",
  'member.removed': 'Removed a member from the studio',
  'signup.completed': 'Made the studio by signing up',
  'studio.created': 'Opened the studio, as a user of another',
  'email.change_requested': 'Asked to change their email address',
  'email.changed': 'Changed their email address',
} as const;

/** A type of audit event; see {@link AUDIT_EVENT_TYPES}. */
export type AuditEventType = keyof typeof AUDIT_EVENT_TYPES;

/** Every audit event type, in the order of {@link AUDIT_EVENT_TYPES}. */
export const AUDIT_EVENT_TYPE_NAMES = Object.keys(AUDIT_EVENT_TYPES) as AuditEventType[];

/** Whether `value` is a known audit event type. */
export function isAuditEventType(value: string): value is AuditEventType {
  return Object.hasOwn(AUDIT_EVENT_TYPES, value);
}

export const AuditEventId = Type.String({ pattern: ID_PATTERNS.auditEvent });

const UserId = Type.String({ pattern: ID_PATTERNS.user });
/** A short machine-readable word: `wrong_password`, `password`. */
const Word = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' });

/**
 * What else an event says, each field present only where it means something. Never a secret:
 * no password, token, code or hash is ever put here.
 */
export const AuditDetail = Closed({
  /** The sign-in (session) the event is about: the one started, ended or revoked. */
  login_id: Type.Optional(Type.String({ pattern: ID_PATTERNS.login })),
  /** Another user the event acted on (a member whose role changed, say). */
  target_user_id: Type.Optional(UserId),
  /** Why, as a word: `wrong_password`, `too_many_failures`, `reset_link`. */
  reason: Type.Optional(Word),
  /** How, as a word: `password`, `totp`, `recovery_code`, `passkey`. */
  method: Type.Optional(Word),
  /** The passkey the event is about (added, removed, used). */
  passkey_id: Type.Optional(Type.String({ pattern: ID_PATTERNS.passkey })),
  /** How many sign-ins the event ended. */
  revoked_sessions: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Recovery codes left, after one was used. */
  remaining_codes: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  /** A role given (an invitation's, a member's new one). */
  role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))),
  /** An address written to (an invitation's). */
  email: Type.Optional(Type.String({ maxLength: 254 })),
});
export type AuditDetail = Static<typeof AuditDetail>;

/** The user an event is about; `email` is null once the user was deleted. */
export const AuditUser = Closed({
  id: UserId,
  email: Type.Union([Type.String(), Type.Null()]),
});
export type AuditUser = Static<typeof AuditUser>;

/** One security event of the studio. */
export const AuditEvent = withExamples(
  Closed({
    id: AuditEventId,
    type: Type.Union(AUDIT_EVENT_TYPE_NAMES.map((t) => Type.Literal(t))),
    created_at: Type.String(),
    /** Whose event it is; null where no user could be named. */
    user: Type.Union([AuditUser, Type.Null()]),
    /** Who acted, when it was someone else than `user` (an owner changing a member's role). */
    actor_id: Type.Optional(UserId),
    /** The client's address, as the server saw it (behind trusted proxies: the forwarded one). */
    ip: Type.Union([Type.String(), Type.Null()]),
    /** The client's `User-Agent`, cut to 300 characters. */
    user_agent: Type.Union([Type.String(), Type.Null()]),
    detail: AuditDetail,
  }),
  [
    {
      id: 'ae_Hq2N8vKx4LmP0sT6wYb1Rc9Fd3Gj5Z',
      type: 'sign_in.succeeded',
      created_at: '2026-03-14T09:26:53.000Z',
      user: { id: 'us_K8mN2pQ4rS6tU8vW0xY2zA4bC6dE8f', email: 'owner@example.com' },
      ip: '203.0.113.7',
      user_agent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15',
      detail: { login_id: 'lg_T3vX5zB7dF9hJ1lN3pR5tV7xZ9bD1f', method: 'password' },
    },
    {
      id: 'ae_Pw7L3kJ9hG5fD1sA8qZ4xC6vB2nM0r',
      type: 'sign_in.failed',
      created_at: '2026-03-14T09:26:41.000Z',
      user: { id: 'us_K8mN2pQ4rS6tU8vW0xY2zA4bC6dE8f', email: 'owner@example.com' },
      ip: '203.0.113.7',
      user_agent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15',
      detail: { reason: 'wrong_password', method: 'password' },
    },
  ],
);
export type AuditEvent = Static<typeof AuditEvent>;

/** `GET /api/v1/audit_events`: newest first. */
export const AuditEventsPage = Page(AuditEvent, '/api/v1/audit_events');
export type AuditEventsPage = Static<typeof AuditEventsPage>;

const TYPE_ALTERNATIVES = AUDIT_EVENT_TYPE_NAMES.map((t) => t.replaceAll('.', '\\.')).join('|');

/** One audit event type, or several separated by commas: `sign_in.failed,sign_in.throttled`. */
export const AuditEventTypesFilter = Type.String({
  maxLength: 1000,
  pattern: `^(${TYPE_ALTERNATIVES})(,(${TYPE_ALTERNATIVES}))*$`,
});

/**
 * Query of `GET /api/v1/audit_events`: paging, and filters that all apply together. `since` is
 * inclusive and `until` exclusive, so that consecutive windows neither miss nor repeat an event.
 */
export const AuditEventsQuery = Closed({
  ...PAGE_PARAMS,
  type: Type.Optional(AuditEventTypesFilter),
  user_id: Type.Optional(Type.String({ pattern: ID_PATTERNS.user, maxLength: 40 })),
  since: Type.Optional(Instant),
  until: Type.Optional(Instant),
});
export type AuditEventsQuery = Static<typeof AuditEventsQuery>;

/**
 * The types an `AuditEventsQuery.type` names, without repeats; null when it names none (every
 * type). The query's pattern has already refused unknown types.
 *
 * @example
 * parseAuditEventTypes('sign_in.failed,sign_in.throttled'); // ['sign_in.failed', 'sign_in.throttled']
 */
export function parseAuditEventTypes(filter: string | undefined): AuditEventType[] | null {
  if (filter === undefined) return null;
  return [...new Set(filter.split(','))].filter(isAuditEventType);
}
