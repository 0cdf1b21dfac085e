import { type Static, Type } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';

/** How a server lets new studios in (`PROOFSHEET_SIGN_UP`). */
export const SIGN_UP_MODES = ['invite-only', 'open', 'closed'] as const;
export type SignUpMode = (typeof SIGN_UP_MODES)[number];

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));

/**
 * The body of `POST /api/v1/signup`, form-encoded or JSON: who signs up and the studio they
 * make. `_csrf` is the sign-up form's hidden field.
 */
export const SignUpRequest = withExamples(
  Closed({
    email: Email,
    studio_name: Type.String({ minLength: 1, maxLength: 100 }),
    first_name: Type.String({ minLength: 1, maxLength: 100 }),
    last_name: Type.String({ maxLength: 100 }),
    _csrf: Csrf,
  }),
  [
    {
      email: 'ada@example.com',
      studio_name: 'Lovelace Photography',
      first_name: 'Ada',
      last_name: 'Lovelace',
    },
  ],
);
export type SignUpRequest = Static<typeof SignUpRequest>;

/** What `POST /api/v1/signup` answers, the same whether a user has the address or not. */
export const SIGN_UP_ACCEPTED_MESSAGE =
  'Check your inbox: an email with the next step is on its way to this address.';

/** `POST /api/v1/signup` and `POST /api/v1/account/email`: accepted (202), whoever has the address. */
export const EmailSentAccepted = withExamples(
  Closed({ data: Closed({ accepted: Type.Literal(true), message: Type.String() }) }),
  [{ data: { accepted: true, message: SIGN_UP_ACCEPTED_MESSAGE } }],
);
export type EmailSentAccepted = Static<typeof EmailSentAccepted>;

/** The token of a sign-up or email-change link: 32 random bytes, base64url. */
export const VerificationToken = Type.String({ minLength: 1, maxLength: 200 });

/** The body of `POST /signup/complete`: the link's token and the owner's password. */
export const SignUpComplete = withExamples(
  Closed({
    token: VerificationToken,
    password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH }),
    _csrf: Csrf,
  }),
  [
    {
      token: 'Xq3v9Jm1Lk7Tz0Rb5Wc8Hn2Fd6Gs4Ya1Pe3Uo5Ii7K',
      password: 'a longer passphrase, easier to remember',
    },
  ],
);
export type SignUpComplete = Static<typeof SignUpComplete>;

/** The body of `POST /api/v1/account/email`: the new address, and the password again. */
export const EmailChangeRequest = withExamples(
  Closed({
    email: Email,
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  }),
  [{ email: 'ada@new.example.com', password: 'correct horse battery staple' }],
);
export type EmailChangeRequest = Static<typeof EmailChangeRequest>;

/** What `POST /api/v1/account/email` answers. */
export const EMAIL_CHANGE_ACCEPTED_MESSAGE =
  'Open the link we sent to the new address to confirm it; until then you sign in with the current one.';

/** The body of `POST /account/email/confirm`: the token of the link sent to the new address. */
export const EmailChangeConfirm = withExamples(Closed({ token: VerificationToken, _csrf: Csrf }), [
  { token: 'Xq3v9Jm1Lk7Tz0Rb5Wc8Hn2Fd6Gs4Ya1Pe3Uo5Ii7K' },
]);
export type EmailChangeConfirm = Static<typeof EmailChangeConfirm>;

/** `POST /account/email/confirm`: the address the user signs in with now. */
export const EmailChanged = withExamples(Closed({ data: Closed({ email: Type.String() }) }), [
  { data: { email: 'ada@new.example.com' } },
]);
export type EmailChanged = Static<typeof EmailChanged>;
