import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps implement it: HMAC-SHA1, six digits, 30-second steps. */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ALGORITHM = 'SHA1';
/** Bytes of a new secret: 160 bits, the HMAC-SHA1 block RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;

/** A code is accepted one step either side of now: clocks of phones drift. */
const WINDOW = 1;

export interface TotpParameters {
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
}

function totp(secret: Uint8Array, p: TotpParameters = {}): TOTP {
  return new TOTP({
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
    algorithm: p.algorithm ?? TOTP_ALGORITHM,
    digits: p.digits ?? TOTP_DIGITS,
    period: p.period ?? TOTP_PERIOD_S,
  });
}

/** The step (RFC 6238's T) that `timeMs` falls in. */
export function totpStep(timeMs: number, period = TOTP_PERIOD_S): number {
  return Math.floor(timeMs / 1000 / period);
}

/** The code for `timeMs`. */
export function totpCode(secret: Uint8Array, timeMs: number, p: TotpParameters = {}): string {
  return totp(secret, p).generate({ timestamp: timeMs });
}

/**
 * The step a code was made for, if it is the code of a step within the window around `nowMs`;
 * `null` otherwise. Spaces are ignored (apps show `492 039`). The caller refuses steps already
 * used, which is what makes a code single-use.
 */
export function matchTotp(secret: Uint8Array, code: string, nowMs: number): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d+$/.test(token) || token.length !== TOTP_DIGITS) return null;
  const delta = totp(secret).validate({ token, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : totpStep(nowMs) + delta;
}

/** The base32 form of a secret, for typing into an app by hand. */
export function base32Of(secret: Uint8Array): string {
  return new Secret({ buffer: Uint8Array.from(secret).buffer }).base32;
}

/** The secret a base32 text stands for (what an app reads from the key typed in). */
export function base32Bytes(text: string): Uint8Array {
  return new Uint8Array(Secret.fromBase32(text).buffer);
}

/** The `otpauth://` URI that authenticator apps read from a QR code. */
export function otpauthUrl(secret: Uint8Array, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
  }).toString();
}
