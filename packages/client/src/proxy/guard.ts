/**
 * The proxy's own defences, as pure decisions over request headers. The proxy holds a session
 * for the browser, so a page on another site must not be able to drive it: origins outside
 * the allow-list are refused, and unsafe requests must prove they come from script on an
 * allowed page (a custom header, which a cross-site form cannot send and cross-origin script
 * cannot send without a preflight we refuse) or say so through Fetch Metadata.
 */
import { UNSAFE_METHODS } from '@proofsheet/protocol';

/** What the guard needs of a request. */
export interface GuardInput {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The proxy's own origin as the browser sees it, e.g. `https://app.example.com`. */
  selfOrigin: string;
}

/** The guard's policy. */
export interface GuardPolicy {
  allowedOrigins: ReadonlySet<string>;
  /** Lower-case names of headers any one of which proves a script sent the request. */
  proofHeaders: readonly string[];
}

/** The guard's verdict: allowed, or refused with a reason for the 403 body. */
export type Verdict = { ok: true } | { ok: false; message: string };

function header(input: GuardInput, name: string): string | undefined {
  const value = input.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether an `Origin` may use the proxy: its own, or one on the allow-list. */
export function originAllowed(origin: string, input: GuardInput, policy: GuardPolicy): boolean {
  // "null" (sandboxed frames, file://) is never allowed, even if someone lists it.
  return origin !== 'null' && (origin === input.selfOrigin || policy.allowedOrigins.has(origin));
}

/**
 * Decides whether to forward a request.
 *
 * @example
 * checkRequest({ method: 'POST', headers: { 'x-proofsheet-proxy': '1' }, selfOrigin: 'http://localhost:8080' },
 *   { allowedOrigins: new Set(), proofHeaders: ['x-proofsheet-proxy'] }); // { ok: true }
 */
export function checkRequest(input: GuardInput, policy: GuardPolicy): Verdict {
  const origin = header(input, 'origin');
  if (origin !== undefined && !originAllowed(origin, input, policy)) {
    return { ok: false, message: `Origin ${origin} is not allowed to use this proxy` };
  }
  const site = header(input, 'sec-fetch-site');
  if (site === 'cross-site' && origin === undefined) {
    return { ok: false, message: 'Cross-site request refused' };
  }
  if (!UNSAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (policy.proofHeaders.some((name) => header(input, name) !== undefined)) return { ok: true };
  if (site === 'same-origin') return { ok: true };
  return {
    ok: false,
    message: `Unsafe requests need one of the headers ${policy.proofHeaders.join(', ')} (or Sec-Fetch-Site: same-origin)`,
  };
}
