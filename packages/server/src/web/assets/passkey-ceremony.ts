// The browser's half of a passkey: @simplewebauthn/browser's startRegistration and
// startAuthentication (vendored: see tsconfig.simplewebauthn.json), typed by the package's own
// declarations, since the vendored copy's are emitted from its JavaScript and loose.
import type {
  startAuthentication as StartAuthentication,
  startRegistration as StartRegistration,
  browserSupportsWebAuthn as SupportsWebAuthn,
} from '@simplewebauthn/browser';
import * as vendored from './vendor/simplewebauthn/index.js';

export const startRegistration = vendored.startRegistration as typeof StartRegistration;
export const startAuthentication = vendored.startAuthentication as typeof StartAuthentication;
export const browserSupportsWebAuthn = vendored.browserSupportsWebAuthn as typeof SupportsWebAuthn;

/**
 * Whether an error is the person cancelling (or the browser's timeout): say nothing loud then.
 * WebAuthn reports both as `NotAllowedError`.
 */
export function wasCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'NotAllowedError';
}
