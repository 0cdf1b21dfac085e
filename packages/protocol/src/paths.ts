/** Paths of both APIs, relative to an API's base URL. */
export const PATHS = {
  login: '/login',
  logout: '/logout',
  /** The second step of a sign-in with two-factor authentication. */
  loginMfa: '/login/mfa',
  apiPrefix: '/api/v1',
  csrfToken: '/api/v1/csrf-token',
  session: '/api/v1/session',
  sessionRefresh: '/api/v1/session/refresh',
  /** The user's sign-ins (not booked photo sessions, which the reference docs put at `/sessions`). */
  authSessions: '/api/v1/auth/sessions',
  authSessionsRevokeOthers: '/api/v1/auth/sessions/revoke_others',
  password: '/api/v1/account/password',
  /** The signed-in user's second factors: an authenticator app (TOTP) and recovery codes. */
  twoFactor: '/api/v1/account/two_factor',
  totp: '/api/v1/account/two_factor/totp',
  totpConfirm: '/api/v1/account/two_factor/totp/confirm',
  recoveryCodes: '/api/v1/account/two_factor/recovery_codes',
  /** The studios the signed-in user belongs to, and moving the session to another of them. */
  accountStudios: '/api/v1/account/studios',
  accountStudiosSwitch: '/api/v1/account/studios/switch',
  /** The user's passkeys: list them, add one (after `passkeyOptions`), rename or remove one. */
  passkeys: '/api/v1/account/two_factor/passkeys',
  passkeyOptions: '/api/v1/account/two_factor/passkeys/options',
  /** The second step of a sign-in with a passkey: its options, then the assertion. */
  loginMfaPasskeyOptions: '/login/mfa/passkey/options',
  loginMfaPasskey: '/login/mfa/passkey',
  /** Passwordless sign-in with a passkey: its options, then the assertion. */
  loginPasskeyOptions: '/login/passkey/options',
  loginPasskey: '/login/passkey',
  /** Ask for a password reset link by email (the page, and its form's post). */
  forgotPassword: '/forgot-password',
  /** Set a new password with the token of a reset link (the page, and its form's post). */
  resetPassword: '/reset-password',
  /** The sign-up form (shown when `PROOFSHEET_SIGN_UP` is `open`). */
  signUpPage: '/signup',
  /** Ask to make a studio: the email gets a link to finish (the form's post, and JSON). */
  signUp: '/api/v1/signup',
  /** Where a sign-up link leads: the page to choose the owner's password, and its post. */
  completeSignUp: '/signup/complete',
  /** Ask to change the signed-in user's address: a link goes to the new one. */
  accountEmail: '/api/v1/account/email',
  /** Where an email-change link leads: the page that confirms the new address, and its post. */
  confirmEmail: '/account/email/confirm',
  // Studio API
  clients: '/api/v1/clients/',
  clientSearch: '/api/v1/clients/search',
  notifications: '/api/v1/notifications/all',
  /** The emails the server sent or will send, newest first (owners). */
  outbox: '/api/v1/outbox',
  /** The studio's security events, newest first (owners). */
  auditEvents: '/api/v1/audit_events',
  /** The studio's invitations (owners). */
  invitations: '/api/v1/invitations',
  /** The studio's users (owners). */
  members: '/api/v1/members',
  /** Where an invitation's link leads: the page to choose a name and password, and its post. */
  acceptInvitation: '/invitations/accept',
  // Gallery API
  bootstrap: '/api/v1/data/bootstrap',
  collections: '/api/v1/collections',
  /** A share-link visitor's page, and where a visitor leaves (ends their visit). */
  visit: '/visit',
  visitLeave: '/s/leave',
} as const;
