import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Random } from '../deps.js';

/** 256 bits: the session ids and auth tokens cannot be guessed. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new random secret (session id or auth token), base64url. */
export function newSecret(random: Random): string {
  return Buffer.from(random.bytes(TOKEN_BYTES)).toString('base64url');
}

/** Whether a cookie value has the shape of our secrets; anything else is not looked up. */
export function isSecretShaped(value: string | undefined): value is string {
  return value !== undefined && TOKEN_PATTERN.test(value);
}

/** Store only a hash of each secret: a leaked table grants nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

function derive(key: string, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('base64url');
}

/**
 * The CSRF token of a session, derived from its id: nothing to store, it changes whenever the
 * session id does (login and refresh), and it reveals nothing about the id.
 */
export function csrfTokenFor(sessionId: string): string {
  return derive(sessionId, 'proofsheet:csrf:v1');
}

/**
 * The CSRF token of a share-link visitor's session, derived from its token as a session's is
 * from its id, under another purpose: neither token can stand in for the other.
 */
export function visitorCsrfTokenFor(visitorToken: string): string {
  return derive(visitorToken, 'proofsheet:visitor-csrf:v1');
}

/**
 * The session id and auth token that replace an auth token at refresh. Derived from the old
 * token rather than drawn at random, so that a concurrent refresh with the same token inside
 * the grace window arrives at the same new session without the server storing any secret.
 */
export function successorsOf(authToken: string): { sessionId: string; authToken: string } {
  return {
    sessionId: derive(authToken, 'proofsheet:session:v1'),
    authToken: derive(authToken, 'proofsheet:auth-token:v1'),
  };
}

/** Constant-time compare: the values are secrets. */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
