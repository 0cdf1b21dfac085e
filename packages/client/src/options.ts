/**
 * The client's options and their defaults, resolved once by {@link normalizeOptions}. The rest
 * of the library reads {@link ResolvedOptions} only.
 */
import { type CookieJar, MemoryCookieJar } from './cookie-jar.js';
import { DEFAULT_RETRY_POLICY, type Random, type RetryPolicy } from './retry.js';

/** Time, injected so that tests move a clock instead of waiting. */
export interface Clock {
  now(): Date;
}

/** Where the client reports retries, refreshes and re-logins. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** An email and password to log in with. */
export interface Credentials {
  email: string;
  password: string;
}

/** What the server asks for after a right password, when the account has a second factor. */
export interface SecondFactorChallenge {
  api: ApiName;
  email: string;
  /**
   * What the server accepts: `totp` (a code from the app), `recovery_code`, `passkey` (which
   * needs a browser's WebAuthn: this library cannot answer with it).
   */
  methods: readonly string[];
  /** When the pending sign-in ends; ask again with the password after it. */
  expiresAt: Date;
  /** The previous answer was refused (`mfa_code_invalid`); this is another try. */
  retry: boolean;
}

/** A second factor: the app's six digits, or one of the recovery codes. */
export type SecondFactorAnswer = { code: string } | { recoveryCode: string };

/** Asked for a second factor at sign-in (e.g. prompts for the code); `null` gives up. */
export type SecondFactorProvider = (
  challenge: SecondFactorChallenge,
) => Promise<SecondFactorAnswer | null> | SecondFactorAnswer | null;

/** Called when the client must log in again: return credentials, or `null` to give up. */
export type CredentialsProvider = () => Promise<Credentials | null> | Credentials | null;

/** Which API a request goes to. */
export type ApiName = 'studio' | 'gallery';

/**
 * Options of `createClient()`. The two base URLs are required; every other one is optional.
 *
 * @example
 * createClient({ studioUrl: 'https://studio.example.com', galleryUrl: 'https://gallery.example.com' });
 */
export interface ClientOptions {
  /**
   * Base URL of the Studio API, e.g. `'https://studio.example.com'`. Required: there is no
   * default host, so that a login never sends a password to a server nobody chose.
   */
  studioUrl: string;
  /** Base URL of the Gallery API, e.g. `'https://gallery.example.com'`. Required, likewise. */
  galleryUrl: string;
  /**
   * Credentials to log in again with when the session and its auth token have expired, or a
   * callback that supplies them (e.g. prompts). Without them, such a request throws `AuthError`.
   * @default null
   */
  credentials?: Credentials | CredentialsProvider | null;
  /**
   * Answers the second step of sign-in for accounts with two-factor authentication: a TOTP code
   * or a recovery code. Asked at most three times per sign-in. Without it, logging in to such
   * an account throws `MfaRequiredError`.
   * @default null
   */
  secondFactor?: SecondFactorProvider | null;
  /** Where cookies live. @default a new `MemoryCookieJar` */
  cookieJar?: CookieJar;
  /** The `fetch` to call. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default the system clock */
  clock?: Clock;
  /** How to wait between retries. @default a `setTimeout` promise */
  sleep?: (ms: number) => Promise<void>;
  /** Randomness for backoff jitter. @default crypto.getRandomValues */
  random?: Random;
  /** @default a logger that prints nothing */
  logger?: Logger;
  /** Retry policy; fields left out keep their defaults. @default DEFAULT_RETRY_POLICY */
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** GET cache bounds, or `false` to turn the cache off. @default { maxEntries: 500, maxBytes: 5 MiB } */
  cache?: false | { maxEntries?: number; maxBytes?: number };
  /**
   * Touch the session every `intervalMs` while idle so that it does not expire, or `false`.
   * The timer is unref'd and stopped by `close()`.
   * @default false
   */
  keepAlive?: false | { intervalMs?: number };
  /** The `User-Agent` header. @default 'proofsheet-client/0.1' */
  userAgent?: string;
  /**
   * Check every response against its `protocol` schema (error bodies against `ErrorBody`) and
   * throw `ResponseShapeError`, naming the path and the field, when it does not match. Schemas
   * are closed, so a field the schema does not name fails too: turn it on in tests and against
   * a server of the same version, not against a newer server in production.
   * @default false
   */
  validateResponses?: boolean;
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  readonly baseUrls: Readonly<Record<ApiName, string>>;
  readonly credentials: CredentialsProvider | null;
  readonly secondFactor: SecondFactorProvider | null;
  readonly cookieJar: CookieJar;
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: Random;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly cache: { maxEntries: number; maxBytes: number } | null;
  readonly keepAliveMs: number | null;
  readonly userAgent: string;
  readonly validateResponses: boolean;
}

/** Default keep-alive period: well inside the APIs' default 30-minute idle timeout. */
export const DEFAULT_KEEP_ALIVE_MS = 10 * 60_000;

const silentLogger: Logger = { debug: () => undefined, warn: () => undefined };

/**
 * Applies defaults and validates eagerly, so that a bad or missing option fails at
 * `createClient()`, before any request.
 *
 * @example
 * normalizeOptions({ studioUrl: 'http://127.0.0.1:3000', galleryUrl: 'http://127.0.0.1:3001' })
 *   .baseUrls.studio; // 'http://127.0.0.1:3000'
 */
export function normalizeOptions(options: ClientOptions): ResolvedOptions {
  const baseUrls = requiredBaseUrls(options);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('No fetch available: pass options.fetch or use Node 18 or later');
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  positive('timeoutMs', timeoutMs);
  const retry = Object.freeze({ ...DEFAULT_RETRY_POLICY, ...options.retry });
  if (!Number.isInteger(retry.limit) || retry.limit < 1) {
    throw new RangeError(`retry.limit must be a whole number of at least 1 (got ${retry.limit})`);
  }
  const validateResponses = options.validateResponses ?? false;
  if (typeof validateResponses !== 'boolean') {
    throw new TypeError(
      `validateResponses must be true or false (got ${JSON.stringify(validateResponses)})`,
    );
  }
  const credentials = options.credentials ?? null;
  const cache =
    options.cache === false
      ? null
      : {
          maxEntries: options.cache?.maxEntries ?? 500,
          maxBytes: options.cache?.maxBytes ?? 5 * 1024 * 1024,
        };
  const keepAliveMs =
    options.keepAlive === undefined || options.keepAlive === false
      ? null
      : (options.keepAlive.intervalMs ?? DEFAULT_KEEP_ALIVE_MS);
  if (keepAliveMs !== null) positive('keepAlive.intervalMs', keepAliveMs);
  return Object.freeze({
    baseUrls,
    credentials:
      typeof credentials === 'function' || credentials === null ? credentials : () => credentials,
    secondFactor: options.secondFactor ?? null,
    cookieJar: options.cookieJar ?? new MemoryCookieJar(),
    fetch: fetchImpl,
    clock: options.clock ?? { now: () => new Date() },
    sleep:
      options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? { bytes: (n) => crypto.getRandomValues(new Uint8Array(n)) },
    logger: options.logger ?? silentLogger,
    retry,
    timeoutMs,
    cache,
    keepAliveMs,
    userAgent: options.userAgent ?? 'proofsheet-client/0.1',
    validateResponses,
  });
}

function positive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds (got ${value})`);
  }
}

/**
 * Both base URLs, required. No default host: a self-hoster who forgot the URL would otherwise
 * send a password to a third party's server.
 */
function requiredBaseUrls(
  options: Partial<ClientOptions> | undefined,
): Readonly<Record<ApiName, string>> {
  // Optional chaining: plain JavaScript callers may pass no options at all despite the types.
  const studio = options?.studioUrl;
  const gallery = options?.galleryUrl;
  if (!studio || !gallery) {
    const missing = [studio ? null : 'studioUrl', gallery ? null : 'galleryUrl'].filter(Boolean);
    throw new TypeError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required (there is no default host): ` +
        "pass your server's base URLs, e.g. createClient({ studioUrl: 'https://studio.example.com', " +
        "galleryUrl: 'https://gallery.example.com', … })",
    );
  }
  return Object.freeze({
    studio: baseUrl('studioUrl', studio),
    gallery: baseUrl('galleryUrl', gallery),
  });
}

function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http:// or https:// URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${name} must start with http:// or https:// (got "${value}")`);
  }
  if (url.username || url.password) {
    throw new TypeError(`${name} must not contain credentials; pass options.credentials instead`);
  }
  return value.replace(/\/+$/, '');
}
