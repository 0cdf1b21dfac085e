import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';
import { Envelope, PAGE_PARAMS, Page } from './pagination.js';

/** The roles an owner may invite someone to: owners are made by the server's command alone. */
export const INVITABLE_ROLES = ['assistant', 'gallery_client'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/**
 * Where an invitation is: waiting for its link to be used, used (the person is a member now),
 * revoked by an owner, or past its expiry unused.
 */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const InvitationId = Type.String({ pattern: ID_PATTERNS.invitation });

const Name = Type.String({ maxLength: 100 });

/** The body of `POST /api/v1/invitations`. */
export const InvitationCreate = withExamples(
  Closed({
    email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
    role: Type.Union(INVITABLE_ROLES.map((r) => Type.Literal(r))),
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
  }),
  [{ email: 'sam@example.com', role: 'assistant', first_name: 'Sam', last_name: 'Okafor' }],
);
export type InvitationCreate = Static<typeof InvitationCreate>;

/** An invitation as owners see it; its token is never shown again (it is only in the email). */
export const Invitation = withExamples(
  Closed({
    id: InvitationId,
    email: Type.String(),
    role: Type.Union(INVITABLE_ROLES.map((r) => Type.Literal(r))),
    first_name: Type.String(),
    last_name: Type.String(),
    status: Type.Union(INVITATION_STATUSES.map((s) => Type.Literal(s))),
    expires_at: Type.String(),
    created_at: Type.String(),
    /** The owner who sent it (last): a user id. */
    invited_by: Type.String({ pattern: ID_PATTERNS.user }),
  }),
  [
    {
      id: 'iv_Qx3T7vLm0pZk9Wb2Rc5Hn8Fd1Gs4Ya',
      email: 'sam@example.com',
      role: 'assistant',
      first_name: 'Sam',
      last_name: 'Okafor',
      status: 'pending',
      expires_at: '2026-03-21T09:26:53.000Z',
      created_at: '2026-03-14T09:26:53.000Z',
      invited_by: 'us_janZ1MDhlZ1qupfT1hOJMU4liwVThF',
    },
  ],
);
export type Invitation = Static<typeof Invitation>;

/** `POST /api/v1/invitations`: the invitation, its email queued. */
export const InvitationResponse = Envelope(Invitation);
export type InvitationResponse = Static<typeof InvitationResponse>;

/** `GET /api/v1/invitations`: newest first. */
export const InvitationPage = Page(Invitation, '/api/v1/invitations');
export type InvitationPage = Static<typeof InvitationPage>;

/** Query of `GET /api/v1/invitations`: paging, and optionally one status. */
export const InvitationQuery = Closed({
  ...PAGE_PARAMS,
  status: Type.Optional(Type.Union(INVITATION_STATUSES.map((s) => Type.Literal(s)))),
});
export type InvitationQuery = Static<typeof InvitationQuery>;

/** The token of an invitation link: 32 random bytes, base64url. */
export const InvitationToken = Type.String({ minLength: 1, maxLength: 200 });

/**
 * The body of `POST /invitations/accept`, form-encoded or JSON: the link's token and, for a new
 * user, the name they go by and the password they choose (at least
 * {@link MIN_PASSWORD_LENGTH} characters). Someone who has an account already (in another
 * studio) gives its password alone. `_csrf` is the form's hidden field.
 */
export const InvitationAccept = withExamples(
  Closed({
    token: InvitationToken,
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    first_name: Type.Optional(Type.String({ maxLength: 100 })),
    last_name: Type.Optional(Type.String({ maxLength: 100 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  [
    {
      token: 'Xq3v9Jm1Lk7Tz0Rb5Wc8Hn2Fd6Gs4Ya1Pe3Uo5Ii7K',
      password: 'a longer passphrase, easier to remember',
      first_name: 'Sam',
      last_name: 'Okafor',
    },
    {
      token: 'Xq3v9Jm1Lk7Tz0Rb5Wc8Hn2Fd6Gs4Ya1Pe3Uo5Ii7K',
      password: 'the password I sign in with',
    },
  ],
);
export type InvitationAccept = Static<typeof InvitationAccept>;
