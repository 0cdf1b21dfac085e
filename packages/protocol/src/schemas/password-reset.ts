import { type Static, Type } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';

/** The body of `POST /forgot-password`, form-encoded or JSON. `_csrf` is the form's hidden field. */
export const PasswordResetRequest = withExamples(
  Closed({
    email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  [{ email: 'owner@example.com' }],
);
export type PasswordResetRequest = Static<typeof PasswordResetRequest>;

/** What `POST /forgot-password` answers, the same whether an account has the email or not. */
export const PASSWORD_RESET_ACCEPTED_MESSAGE =
  'If an account uses this email address, a link to reset its password is on its way.';

/** `POST /forgot-password`: accepted (202), whoever the email belongs to. */
export const PasswordResetAccepted = withExamples(
  Closed({ data: Closed({ accepted: Type.Literal(true), message: Type.String() }) }),
  [{ data: { accepted: true, message: PASSWORD_RESET_ACCEPTED_MESSAGE } }],
);
export type PasswordResetAccepted = Static<typeof PasswordResetAccepted>;

/** The token of a reset link: 32 random bytes, base64url. */
export const ResetToken = Type.String({ minLength: 1, maxLength: 200 });

/** The body of `POST /reset-password`: the link's token and the new password. */
export const PasswordResetConfirm = withExamples(
  Closed({
    token: ResetToken,
    password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH }),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  [
    {
      token: 'Xq3v9Jm1Lk7Tz0Rb5Wc8Hn2Fd6Gs4Ya1Pe3Uo5Ii7K',
      password: 'a longer passphrase, easier to remember',
    },
  ],
);
export type PasswordResetConfirm = Static<typeof PasswordResetConfirm>;

/** `POST /reset-password`: the password changed and every sign-in of the user ended. */
export const PasswordResetDone = withExamples(
  Closed({
    data: Closed({ reset: Type.Literal(true), revoked_sessions: Type.Integer({ minimum: 0 }) }),
  }),
  [{ data: { reset: true, revoked_sessions: 2 } }],
);
export type PasswordResetDone = Static<typeof PasswordResetDone>;
