/**
 * Every error the APIs answer with, as data: its HTTP status and the body the seed specifies,
 * `{"error": <reason phrase>, "message": <sentence>}`, plus a stable machine-readable `code`
 * and `details` for validation errors.
 */

import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './schemas/closed.js';

/**
 * The body of every error response, closed like every other schema. `code` is a string rather
 * than the list of {@link ERRORS}: a newer server may add codes, which clients treat as unknown.
 */
export const ErrorBody = Closed({
  /** The HTTP reason phrase of the status, e.g. `"Unauthorized"`. */
  error: Type.String(),
  /** A specific sentence saying what failed. */
  message: Type.String(),
  /** What failed, as a stable code from {@link ERRORS}: key on this, never on `message`. */
  code: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
  /** Per-field messages, present on validation errors (422). */
  details: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Reason phrases of the statuses the APIs use. */
export const REASON_PHRASES = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
} as const;

/** A status that the APIs answer errors with. */
export type ErrorStatus = keyof typeof REASON_PHRASES;

interface ErrorDefinition {
  status: ErrorStatus;
  /** The default message; routes may give a more specific one. */
  message: string;
  /** What the code means, for the README and the OpenAPI document. */
  description: string;
}

/**
 * The error codes, each with its status and default message. The messages of `session_expired`,
 * `forbidden` and `csrf_mismatch` are exactly the seed's: clients match on them.
 */
export const ERRORS = {
  bad_request: {
    status: 400,
    message: 'The request is malformed',
    description: 'A malformed request: an ID in the wrong format, a bad query parameter.',
  },
  invalid_query: {
    status: 400,
    message: 'A query parameter is unknown or malformed',
    description: 'The query string failed validation; `details` names each parameter.',
  },
  session_expired: {
    status: 401,
    message: 'Session expired or invalid',
    description: 'No valid session: log in again or refresh the session with the auth token.',
  },
  invalid_credentials: {
    status: 401,
    message: 'Invalid email or password',
    description: 'Login failed. The same message for an unknown email and a wrong password.',
  },
  forbidden: {
    status: 403,
    message: 'Insufficient permissions',
    description: "The account's role does not allow this request.",
  },
  csrf_mismatch: {
    status: 403,
    message: 'CSRF token mismatch',
    description: 'An unsafe request without the X-CSRF-Token header equal to the session token.',
  },
  cross_site: {
    status: 403,
    message: 'Cross-site request refused',
    description: 'An unsafe request from a browser on an origin outside the allow-list.',
  },
  download_not_allowed: {
    status: 403,
    message: 'Downloads are not allowed here',
    description:
      'The collection or gallery is not downloadable for this viewer, or not in the size asked for.',
  },
  download_pin_required: {
    status: 403,
    message: 'This collection needs its download PIN',
    description:
      'Give the PIN to `POST /api/v1/collections/{id}/download_pin` first, then download again.',
  },
  download_pin_wrong: {
    status: 403,
    message: 'The download PIN is wrong',
    description: "The PIN given is not the collection's; attempts are throttled like sign-ins.",
  },
  not_found: {
    status: 404,
    message: 'Resource not found',
    description: 'The resource does not exist, or is not visible to this account.',
  },
  method_not_allowed: {
    status: 405,
    message: 'Method not allowed on this path',
    description: 'The path exists but not with this method; `Allow` lists the methods it takes.',
  },
  request_timeout: {
    status: 408,
    message: 'The request was not received in time',
    description: 'The headers or body arrived too slowly; the connection is closed.',
  },
  conflict: {
    status: 409,
    message: 'The request conflicts with the current state',
    description: 'For example an email address that another record already uses.',
  },
  payload_too_large: {
    status: 413,
    message: 'Request body is too large',
    description: 'The body exceeds the size limit.',
  },
  uri_too_long: {
    status: 414,
    message: 'The URL is too long',
    description: 'The URL, or one of its path parameters, exceeds the length limit.',
  },
  unsupported_media_type: {
    status: 415,
    message: 'Content-Type must be application/json',
    description: 'The body is in a content type that the endpoint does not take.',
  },
  range_not_satisfiable: {
    status: 416,
    message: 'The requested range is outside the file',
    description:
      'A `Range` that starts past the end of the file; `Content-Range: bytes */<size>` gives its size.',
  },
  validation_failed: {
    status: 422,
    message: 'Validation failed',
    description: 'The body or query failed validation; `details` names each field.',
  },
  rate_limited: {
    status: 429,
    message: 'Too many requests, retry later',
    description: 'A rate limit was hit; `Retry-After` says when to try again.',
  },
  headers_too_large: {
    status: 431,
    message: 'Request headers are too large',
    description: 'The headers (often the Cookie header) exceed the size limit.',
  },
  service_unavailable: {
    status: 503,
    message: 'Service temporarily unavailable, retry later',
    description: 'A dependency is down or the server is overloaded; `Retry-After` is set.',
  },
  bad_gateway: {
    status: 502,
    message: 'The upstream API could not be reached',
    description: 'From the server-side proxy: the API it forwards to failed or answered nonsense.',
  },
  gateway_timeout: {
    status: 504,
    message: 'The upstream API did not answer in time',
    description: 'From the server-side proxy: the API it forwards to timed out.',
  },
  password_required: {
    status: 403,
    message: "The collection's password is needed",
    description:
      'A share-link visitor must enter the collection password (again, after it changed): open the share link.',
  },
  quota_exceeded: {
    status: 413,
    message: 'The storage quota of the account is used up',
    description:
      "An upload that would take the account's stored bytes (originals and sizes) over its quota; the message says how much is used of how much.",
  },
  unsupported_file_type: {
    status: 415,
    message: 'The file is not a supported photo or video',
    description:
      "An upload whose bytes are not a JPEG, PNG, WebP, TIFF, HEIC, AVIF, MP4 or MOV: judged by the bytes, never by the file name or the part's Content-Type.",
  },
  digest_mismatch: {
    status: 422,
    message: 'The file does not have the SHA-256 the request gave',
    description:
      'The `sha256` sent with an upload differs from that of the bytes received: the file was damaged on the way. Nothing was kept.',
  },
  reset_token_invalid: {
    status: 400,
    message: 'This password reset link is not valid',
    description:
      'The reset token is unknown, was already used, or expired (the message says which): ask for a new link with `POST /forgot-password`.',
  },
  mfa_required: {
    status: 401,
    message: 'The password is right; a second factor is needed',
    description:
      'The account has two-factor sign-in: send `mfa_token` from this body with a code from the authenticator app (or a recovery code) to `POST /login/mfa` before `mfa_expires_at`. No cookie is set yet.',
  },
  mfa_code_invalid: {
    status: 401,
    message: 'The code is not valid',
    description:
      'The authenticator or recovery code is wrong, or was already used. The same `mfa_token` may be tried again a few times; attempts are throttled like sign-ins.',
  },
  mfa_token_invalid: {
    status: 401,
    message: 'This sign-in attempt expired; sign in with your password again',
    description:
      'The `mfa_token` is unknown, used, expired, or had too many wrong codes: start again with `POST /login`.',
  },
  passkey_invalid: {
    status: 401,
    message: 'The passkey could not be verified',
    description:
      'The passkey answer does not verify: unknown or removed passkey, wrong site, a challenge that was used or expired, or a signature counter that went back (a cloned authenticator). Ask for new options and try again.',
  },
  passkey_rejected: {
    status: 422,
    message: 'The passkey could not be added',
    description:
      'The new passkey did not verify against the options this server gave (expired or used challenge, another site, no user verification) or is already registered: ask for new options and try again.',
  },
  recent_sign_in_required: {
    status: 403,
    message: 'Sign in again to change how you sign in',
    description:
      'Changing a second factor needs a sign-in from the last few minutes (`PROOFSHEET_RECENT_SIGN_IN`): sign in again, then repeat the request.',
  },
  already_member: {
    status: 409,
    message: 'This email address already belongs to a user',
    description:
      'An invitation to an address that a user of this server already signs in with (owners only, so no address is confirmed to a stranger).',
  },
  last_owner: {
    status: 409,
    message: 'The studio must keep an owner',
    description:
      'The change would leave the studio without an owner: make another member an owner first.',
  },
  invitation_accepted: {
    status: 409,
    message: 'This invitation was accepted already',
    description: 'An accepted invitation cannot be revoked: remove the member instead.',
  },
  invitation_token_invalid: {
    status: 400,
    message: 'This invitation link is not valid',
    description:
      'The invitation token is unknown, was used or revoked, or expired: ask the studio for a new invitation.',
  },
  sign_up_closed: {
    status: 403,
    message: 'This server does not take sign-ups',
    description:
      'Sign-up is `invite-only` or `closed` on this server (`PROOFSHEET_SIGN_UP`): ask a studio for an invitation, or the operator for a studio.',
  },
  sign_up_token_invalid: {
    status: 400,
    message: 'This sign-up link is not valid',
    description:
      'The sign-up token is unknown, was already used, or expired (the message says which): sign up again with `POST /api/v1/signup`.',
  },
  email_change_token_invalid: {
    status: 400,
    message: 'This email confirmation link is not valid',
    description:
      'The email-change token is unknown, was already used, or expired (the message says which): ask again with `POST /api/v1/account/email`.',
  },
  email_taken: {
    status: 409,
    message: 'Another user signs in with this email address',
    description:
      'Confirming an email change (or finishing a sign-up) for an address that became another user’s since the link was sent.',
  },
  internal: {
    status: 500,
    message: 'Internal server error',
    description: 'An unexpected failure. It is logged on the server with the request id.',
  },
} as const satisfies Record<string, ErrorDefinition>;

/** A code from {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * Builds the body for an error code.
 *
 * @example
 * errorBody('session_expired');
 * // { error: 'Unauthorized', message: 'Session expired or invalid', code: 'session_expired' }
 */
export function errorBody(
  code: ErrorCode,
  message?: string,
  details?: Record<string, string[]>,
): ErrorBody {
  const def = ERRORS[code];
  const body: ErrorBody = {
    error: REASON_PHRASES[def.status],
    message: message ?? def.message,
    code,
  };
  if (details) body.details = details;
  return body;
}

/**
 * The code for an error that only has a status (one raised by the HTTP layer rather than by
 * a route): the first code in {@link ERRORS} with that status, else `bad_request` for a 4xx
 * and `internal` for anything else.
 */
export function codeForStatus(status: number): ErrorCode {
  for (const [code, def] of Object.entries(ERRORS)) {
    if (def.status === status) return code as ErrorCode;
  }
  return status >= 400 && status < 500 ? 'bad_request' : 'internal';
}

/** The reason phrase for a status, or `"Error"` for one the APIs do not use. */
export function reasonPhrase(status: number): string {
  return (REASON_PHRASES as Record<number, string>)[status] ?? 'Error';
}
