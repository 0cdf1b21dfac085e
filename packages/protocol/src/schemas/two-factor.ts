import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';

/**
 * The ways a second step of sign-in can be completed: a code from the authenticator app, a
 * recovery code, or one of the user's passkeys (`POST /login/mfa/passkey`).
 */
export const MFA_METHODS = ['totp', 'recovery_code', 'passkey'] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];

/** A pending sign-in's token: 32 random bytes, base64url. */
export const MfaToken = Type.String({ minLength: 1, maxLength: 200 });

/** Six digits from an authenticator app (spaces, as some apps show them, are allowed). */
export const TotpCode = Type.String({ minLength: 6, maxLength: 12, pattern: '^[0-9 ]+$' });

/** A recovery code as it was shown (`xxxxx-xxxxx`); case, spaces and dashes are ignored. */
export const RecoveryCode = Type.String({ minLength: 8, maxLength: 40 });

/**
 * `POST /login` with the right password for an account with a second factor: 401, no cookie,
 * and what the second step needs. The seed's error fields come first, so clients that only read
 * `error` and `message` see a failed sign-in.
 */
export const MfaRequiredBody = withExamples(
  Closed({
    error: Type.Literal('Unauthorized'),
    message: Type.String(),
    code: Type.Literal('mfa_required'),
    /** Send it to `POST /login/mfa` with a code. Short-lived and single-use. */
    mfa_token: MfaToken,
    mfa_expires_at: Type.String(),
    mfa_methods: Type.Array(Type.Union(MFA_METHODS.map((m) => Type.Literal(m))), {
      maxItems: MFA_METHODS.length,
    }),
  }),
  [
    {
      error: 'Unauthorized',
      message: 'The password is right; a second factor is needed',
      code: 'mfa_required',
      mfa_token: 'tV3qK8mZ1xR5nL0pW7cY2bH6dF9gJ4sA3eU8oI1kM5Q',
      mfa_expires_at: '2026-03-14T09:31:53.000Z',
      mfa_methods: ['totp', 'recovery_code'],
    },
  ],
);
export type MfaRequiredBody = Static<typeof MfaRequiredBody>;

/**
 * The body of `POST /login/mfa`, form-encoded or JSON: the pending sign-in's token and exactly
 * one of a TOTP code or a recovery code.
 */
export const MfaLoginBody = withExamples(
  Closed({
    mfa_token: MfaToken,
    code: Type.Optional(TotpCode),
    recovery_code: Type.Optional(RecoveryCode),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    next: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  [
    { mfa_token: 'tV3qK8mZ1xR5nL0pW7cY2bH6dF9gJ4sA3eU8oI1kM5Q', code: '492039' },
    { mfa_token: 'tV3qK8mZ1xR5nL0pW7cY2bH6dF9gJ4sA3eU8oI1kM5Q', recovery_code: 'k7p2m-x9d4q' },
  ],
);
export type MfaLoginBody = Static<typeof MfaLoginBody>;

/** The signed-in user's second factors. */
export const TwoFactorStatus = withExamples(
  Closed({
    data: Closed({
      /** Whether sign-in asks for a second factor. */
      enabled: Type.Boolean(),
      totp: Closed({
        enabled: Type.Boolean(),
        /** When the authenticator app was confirmed; null when none is. */
        confirmed_at: Type.Union([Type.String(), Type.Null()]),
        /** A set-up was started and not yet confirmed. */
        pending: Type.Boolean(),
      }),
      recovery_codes: Closed({ remaining: Type.Integer({ minimum: 0 }) }),
      /** Passkeys count as a second factor: with one, a password alone no longer signs in. */
      passkeys: Closed({ count: Type.Integer({ minimum: 0 }) }),
    }),
  }),
  [
    {
      data: {
        enabled: true,
        totp: { enabled: true, confirmed_at: '2026-03-14T09:26:53.000Z', pending: false },
        recovery_codes: { remaining: 9 },
        passkeys: { count: 1 },
      },
    },
  ],
);
export type TwoFactorStatus = Static<typeof TwoFactorStatus>;

/**
 * A TOTP set-up waiting for its first code: the secret (base32, for typing in), the
 * `otpauth://` URI and the same as a QR code (an SVG `data:` URL).
 */
export const TotpSetup = withExamples(
  Closed({
    data: Closed({
      secret: Type.String(),
      otpauth_url: Type.String(),
      qr_code: Type.String(),
      algorithm: Type.Literal('SHA1'),
      digits: Type.Literal(6),
      period: Type.Literal(30),
    }),
  }),
  [
    {
      data: {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        otpauth_url:
          'otpauth://totp/Test%20Studio:owner%40example.com?issuer=Test%20Studio&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
        qr_code:
          'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
    },
  ],
);
export type TotpSetup = Static<typeof TotpSetup>;

/** The body of `POST …/totp/confirm`: the first code the app shows. */
export const TotpConfirmBody = withExamples(Closed({ code: TotpCode }), [{ code: '492039' }]);
export type TotpConfirmBody = Static<typeof TotpConfirmBody>;

/** Recovery codes, shown once: each signs in once in place of an authenticator code. */
export const RecoveryCodes = withExamples(
  Closed({
    data: Closed({
      recovery_codes: Type.Array(Type.String(), { maxItems: 20 }),
    }),
  }),
  [
    {
      data: {
        recovery_codes: ['k7p2m-x9d4q', 'b3n8r-t5w1z', 'h6c9v-p2k7m', 'q4x1d-n8s3f', 'w9e5t-r2y6u'],
      },
    },
  ],
);
export type RecoveryCodes = Static<typeof RecoveryCodes>;
