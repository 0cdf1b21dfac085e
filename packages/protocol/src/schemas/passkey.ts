/**
 * WebAuthn passkeys: the options a browser passes to `navigator.credentials.create()` / `.get()`
 * (as @simplewebauthn/browser's `startRegistration` / `startAuthentication` take them), what the
 * browser answers, and the user's list of passkeys. Every object is closed, the WebAuthn ones
 * too: they name exactly the members the server sends and the browsers return.
 */
import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';
import { MfaToken } from './two-factor.js';

export const PasskeyId = Type.String({ pattern: ID_PATTERNS.passkey });

/** Base64url without padding, as WebAuthn's JSON forms carry bytes. */
const Base64Url = (maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]*$', minLength: 1, maxLength });

/** The ways an authenticator can be reached; unknown ones are kept, as WebAuthn asks. */
const Transports = Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 10 });

const UserVerification = Type.Union([
  Type.Literal('required'),
  Type.Literal('preferred'),
  Type.Literal('discouraged'),
]);

const CredentialDescriptor = Closed({
  id: Base64Url(1400),
  type: Type.Literal('public-key'),
  transports: Type.Optional(Transports),
});

/** A passkey's name as the user sees it in their list. */
export const PasskeyName = Type.String({ minLength: 1, maxLength: 100 });

/** One of the user's passkeys. Never its key: nothing secret is in it anyway, nor useful. */
export const Passkey = Closed({
  id: PasskeyId,
  name: PasskeyName,
  created_at: Type.String(),
  /** The last sign-in it made; null until it makes one. */
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  /** Where the authenticator said it can be reached (`internal`, `usb`, `hybrid`, …). */
  transports: Transports,
  /** Whether the passkey is synced between devices (the authenticator's backup flag). */
  backed_up: Type.Boolean(),
});
export type Passkey = Static<typeof Passkey>;

const PASSKEY_EXAMPLE: Passkey = {
  id: 'pk_Q3xv9TbL0mZ2nR8sK4wY1cH6dF7gJ5',
  name: 'MacBook Touch ID',
  created_at: '2026-03-14T09:26:53.000Z',
  last_used_at: '2026-03-15T08:02:11.000Z',
  transports: ['internal', 'hybrid'],
  backed_up: true,
};

/** The user's passkeys, oldest first. */
export const PasskeyList = withExamples(Closed({ data: Type.Array(Passkey, { maxItems: 100 }) }), [
  { data: [PASSKEY_EXAMPLE] },
]);
export type PasskeyList = Static<typeof PasskeyList>;

/** One passkey, as added or renamed. */
export const PasskeyResponse = withExamples(Closed({ data: Passkey }), [{ data: PASSKEY_EXAMPLE }]);
export type PasskeyResponse = Static<typeof PasskeyResponse>;

/** The body of renaming a passkey. */
export const PasskeyRename = withExamples(Closed({ name: PasskeyName }), [{ name: 'YubiKey 5C' }]);
export type PasskeyRename = Static<typeof PasskeyRename>;

/** `PublicKeyCredentialCreationOptionsJSON`: what `navigator.credentials.create()` is given. */
export const PasskeyCreationOptions = Closed({
  challenge: Base64Url(200),
  rp: Closed({ name: Type.String(), id: Type.String() }),
  user: Closed({ id: Base64Url(200), name: Type.String(), displayName: Type.String() }),
  pubKeyCredParams: Type.Array(Closed({ alg: Type.Integer(), type: Type.Literal('public-key') }), {
    maxItems: 10,
  }),
  timeout: Type.Integer(),
  attestation: Type.Literal('none'),
  excludeCredentials: Type.Array(CredentialDescriptor, { maxItems: 100 }),
  authenticatorSelection: Closed({
    residentKey: Type.Union([
      Type.Literal('required'),
      Type.Literal('preferred'),
      Type.Literal('discouraged'),
    ]),
    requireResidentKey: Type.Optional(Type.Boolean()),
    userVerification: UserVerification,
  }),
  extensions: Closed({ credProps: Type.Literal(true) }),
  hints: Type.Array(
    Type.Union([
      Type.Literal('hybrid'),
      Type.Literal('security-key'),
      Type.Literal('client-device'),
    ]),
    { maxItems: 3 },
  ),
});
export type PasskeyCreationOptions = Static<typeof PasskeyCreationOptions>;

/** `PublicKeyCredentialRequestOptionsJSON`: what `navigator.credentials.get()` is given. */
export const PasskeyRequestOptions = Closed({
  challenge: Base64Url(200),
  rpId: Type.String(),
  /** The user's passkeys for a second step; empty for passwordless sign-in (any passkey of this site). */
  allowCredentials: Type.Array(CredentialDescriptor, { maxItems: 100 }),
  timeout: Type.Integer(),
  userVerification: UserVerification,
});
export type PasskeyRequestOptions = Static<typeof PasskeyRequestOptions>;

const CHALLENGE = 'y3Kq0bTz8mR1nW5cL7pX2vH9dF4gJ6sA';

/** The answer of a registration options request: pass `data` to `startRegistration`. */
export const PasskeyCreationOptionsResponse = withExamples(
  Closed({ data: PasskeyCreationOptions }),
  [
    {
      data: {
        challenge: CHALLENGE,
        rp: { name: 'Test Studio', id: 'studio.example.com' },
        user: {
          id: 'dXNfQUJDMTIzREVGNDU2R0hJNzg5SktMMDEyTU5PMzQ1',
          name: 'owner@example.com',
          displayName: 'Olivia Owner',
        },
        pubKeyCredParams: [
          { alg: -8, type: 'public-key' },
          { alg: -7, type: 'public-key' },
          { alg: -257, type: 'public-key' },
        ],
        timeout: 60000,
        attestation: 'none',
        excludeCredentials: [],
        authenticatorSelection: {
          residentKey: 'required',
          requireResidentKey: true,
          userVerification: 'preferred',
        },
        extensions: { credProps: true },
        hints: [],
      },
    },
  ],
);
export type PasskeyCreationOptionsResponse = Static<typeof PasskeyCreationOptionsResponse>;

/** The answer of an authentication options request: pass `data` to `startAuthentication`. */
export const PasskeyRequestOptionsResponse = withExamples(Closed({ data: PasskeyRequestOptions }), [
  {
    data: {
      challenge: CHALLENGE,
      rpId: 'studio.example.com',
      allowCredentials: [],
      timeout: 60000,
      userVerification: 'preferred',
    },
  },
]);
export type PasskeyRequestOptionsResponse = Static<typeof PasskeyRequestOptionsResponse>;

/** What a browser reports beside a credential; only the extensions the server asks for. */
const ClientExtensionResults = Closed({
  appid: Type.Optional(Type.Boolean()),
  credProps: Type.Optional(Closed({ rk: Type.Optional(Type.Boolean()) })),
  hmacCreateSecret: Type.Optional(Type.Boolean()),
});

const Attachment = Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')]);

/** `RegistrationResponseJSON`: what `startRegistration` resolves to. */
export const PasskeyRegistrationCredential = Closed({
  id: Base64Url(1400),
  rawId: Base64Url(1400),
  response: Closed({
    clientDataJSON: Base64Url(4000),
    attestationObject: Base64Url(20000),
    authenticatorData: Type.Optional(Base64Url(20000)),
    transports: Type.Optional(Transports),
    publicKeyAlgorithm: Type.Optional(Type.Integer({ minimum: -65_536, maximum: 65_535 })),
    publicKey: Type.Optional(Base64Url(4000)),
  }),
  authenticatorAttachment: Type.Optional(Attachment),
  clientExtensionResults: ClientExtensionResults,
  type: Type.Literal('public-key'),
});
export type PasskeyRegistrationCredential = Static<typeof PasskeyRegistrationCredential>;

/** `AuthenticationResponseJSON`: what `startAuthentication` resolves to. */
export const PasskeyAuthenticationCredential = Closed({
  id: Base64Url(1400),
  rawId: Base64Url(1400),
  response: Closed({
    clientDataJSON: Base64Url(4000),
    authenticatorData: Base64Url(20000),
    signature: Base64Url(2000),
    userHandle: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 200 })),
  }),
  authenticatorAttachment: Type.Optional(Attachment),
  clientExtensionResults: ClientExtensionResults,
  type: Type.Literal('public-key'),
});
export type PasskeyAuthenticationCredential = Static<typeof PasskeyAuthenticationCredential>;

const REGISTRATION_EXAMPLE: PasskeyRegistrationCredential = {
  id: 'AbCdEfGhIjKlMnOpQrStUw',
  rawId: 'AbCdEfGhIjKlMnOpQrStUw',
  response: {
    clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0',
    attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVkBZw',
    transports: ['internal'],
  },
  clientExtensionResults: { credProps: { rk: true } },
  type: 'public-key',
};

const AUTHENTICATION_EXAMPLE: PasskeyAuthenticationCredential = {
  id: 'AbCdEfGhIjKlMnOpQrStUw',
  rawId: 'AbCdEfGhIjKlMnOpQrStUw',
  response: {
    clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0',
    authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
    signature: 'MEUCIQDm3Xl0bTz8mR1nW5cL7pX2vH9dF4gJ6sA',
    userHandle: 'dXNfQUJDMTIzREVGNDU2R0hJNzg5SktMMDEyTU5PMzQ1',
  },
  clientExtensionResults: {},
  type: 'public-key',
};

/** The body that adds a passkey: what `startRegistration` gave, and a name for the list. */
export const PasskeyRegistrationBody = withExamples(
  Closed({
    credential: PasskeyRegistrationCredential,
    /** @default the kind of authenticator, e.g. "Passkey" */
    name: Type.Optional(PasskeyName),
  }),
  [{ credential: REGISTRATION_EXAMPLE, name: 'MacBook Touch ID' }],
);
export type PasskeyRegistrationBody = Static<typeof PasskeyRegistrationBody>;

/** The body that asks for options to complete a pending sign-in with a passkey. */
export const MfaPasskeyOptionsBody = withExamples(Closed({ mfa_token: MfaToken }), [
  { mfa_token: 'tV3qK8mZ1xR5nL0pW7cY2bH6dF9gJ4sA3eU8oI1kM5Q' },
]);
export type MfaPasskeyOptionsBody = Static<typeof MfaPasskeyOptionsBody>;

/** The body that completes a pending sign-in with a passkey. */
export const MfaPasskeyBody = withExamples(
  Closed({ mfa_token: MfaToken, credential: PasskeyAuthenticationCredential }),
  [
    {
      mfa_token: 'tV3qK8mZ1xR5nL0pW7cY2bH6dF9gJ4sA3eU8oI1kM5Q',
      credential: AUTHENTICATION_EXAMPLE,
    },
  ],
);
export type MfaPasskeyBody = Static<typeof MfaPasskeyBody>;

/** The body of a passwordless sign-in: the assertion alone, which names its user. */
export const PasskeyLoginBody = withExamples(
  Closed({ credential: PasskeyAuthenticationCredential }),
  [{ credential: AUTHENTICATION_EXAMPLE }],
);
export type PasskeyLoginBody = Static<typeof PasskeyLoginBody>;
