import { SIGN_UP_MODES, type SignUpMode } from '@proofsheet/protocol';
import { formatDuration, parseDuration } from './duration.js';
import { VARIABLES, type Variable, type VariableName } from './variables.js';

/** The server's configuration, parsed once from the environment and frozen. */
export interface Config {
  host: string;
  studioPort: number;
  galleryPort: number;
  publicStudioUrl: string | null;
  publicGalleryUrl: string | null;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Photo blobs in S3 instead of files under `dataDir`: bucket and credentials together. */
  s3: S3Config | null;
  sessionIdleMs: number;
  sessionLifetimeMs: number;
  authTokenLifetimeMs: number;
  refreshGraceMs: number;
  /** How long a share-link visitor's session lasts (capped by the link's expiry). */
  visitorSessionLifetimeMs: number;
  tls: { certFile: string; keyFile: string } | null;
  corsOrigins: readonly string[];
  trustedProxies: readonly string[];
  rateLimitSession: number;
  rateLimitIp: number;
  /** Image requests per minute per session or visitor (twice that per IP), counted apart. */
  rateLimitImages: number;
  loginMaxFailuresIp: number;
  loginMaxFailuresAccountIp: number;
  loginSoftLimitAccount: number;
  hashConcurrency: number;
  hashQueue: number;
  /** Read by `bin/start-thread-pool.cjs` before the server loads; validated here with the rest. */
  hashNice: number;
  bodyLimit: number;
  /** Headers must all arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** Largest upload in bytes. */
  maxUploadBytes: number;
  /** Bytes of small images (thumbnails, previews) kept in memory; 0 keeps none. */
  imageCacheBytes: number;
  /** Bytes each account may store; `null`: no limit. */
  storageQuotaBytes: number | null;
  /** Photos processed at once by this process; 0 starts no photo worker. */
  photoWorkers: number;
  /** libvips threads per photo (`sharp.concurrency`). */
  photoThreads: number;
  jobPollIntervalMs: number;
  jobLeaseMs: number;
  jobRetryDelayMs: number;
  jobMaxAttempts: number;
  /** How often expired sessions, visitor sessions, uploads, reset tokens and old audit events are deleted. */
  housekeepingIntervalMs: number;
  /** Reconciliation leaves blobs and unfinished uploads younger than this alone. */
  orphanGraceMs: number;
  /** How email leaves; see {@link MailConfig}. */
  mail: MailConfig;
  /** Emails sent at once by this process; 0 starts no mail worker. */
  mailWorkers: number;
  /** How long a password reset link works. */
  passwordResetLifetimeMs: number;
  /** Reset requests per IP, and per email address, per hour. */
  passwordResetMaxIp: number;
  passwordResetMaxAccount: number;
  /**
   * What seals second-factor secrets at rest (at least 32 characters). `null`: a key file made
   * in `dataDir` on first use, fine for one machine; several instances must share this value.
   */
  secretKey: string | null;
  /** How long the second step of a sign-in may wait after its password. */
  mfaChallengeLifetimeMs: number;
  /** How old a sign-in may be to add, remove or renew a second factor. */
  recentSignInMs: number;
  /** How long audit events are kept; housekeeping deletes older ones. */
  auditRetentionMs: number;
  /** Passkeys' relying party ID; `null`: the host of the API's own origin. */
  webauthnRpId: string | null;
  /** Origins allowed in passkey answers; empty: the API's own origin alone. */
  webauthnOrigins: readonly string[];
  /** How long an invitation link works (once). */
  invitationLifetimeMs: number;
  /** Who may make a studio: anyone (`open`), no one but by invitation or command. */
  signUp: SignUpMode;
  /** How long a sign-up or email-change link works (once). */
  verificationLifetimeMs: number;
  demoPassword: string | null;
  /** Draw photos into the demo studio's galleries (in the background, after start-up). */
  demoPhotos: boolean;
  logLevel: string;
}

/** Where photo blobs go in S3 (or an S3-compatible server). */
export interface S3Config {
  /** `null`: AWS's endpoint for the region. */
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/** Email: SMTP when a URL is configured, else the local outbox alone. */
export interface MailConfig {
  /** `smtp://` or `smtps://` with credentials; `null`: messages stay in the outbox. */
  smtpUrl: string | null;
  /** The `From` of every message. */
  from: string;
}

/** The sender when none is configured (outbox mode only: SMTP requires one). */
export const DEFAULT_MAIL_FROM = 'Proofsheet <no-reply@localhost>';

/** Thrown with every problem found, each saying how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Parses and validates the environment. Collects every problem before throwing, so that one
 * run shows them all.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const defs = new Map<string, Variable>(VARIABLES.map((v) => [v.name, v]));

  function raw(name: VariableName): string | undefined {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
    return defs.get(name)?.default;
  }
  function str(name: VariableName): string | null {
    return raw(name) ?? null;
  }
  function int(name: VariableName, min: number, max: number): number {
    const text = raw(name) ?? '0';
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
      return min;
    }
    return n;
  }
  function duration(name: VariableName, minMs: number): number {
    const text = raw(name) ?? '';
    const ms = parseDuration(text);
    if (ms === null || ms < minMs) {
      problems.push(
        `${name} must be a duration such as 30m, 12h or 30d, at least ${formatDuration(minMs)} (got "${text}")`,
      );
      return minMs;
    }
    return ms;
  }
  function list(name: VariableName): string[] {
    return (raw(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  function url(name: VariableName, protocols: readonly string[]): string | null {
    const text = raw(name);
    if (text === undefined) return null;
    try {
      const parsed = new URL(text);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return text.replace(/\/+$/, '');
    } catch {
      const shown = text.replace(/\/\/[^@/]*@/, '//…@');
      problems.push(
        `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${shown}")`,
      );
      return null;
    }
  }

  /** A whole number, or `null` when the variable is unset and has no default. */
  function optionalInt(name: VariableName, min: number, max: number): number | null {
    return raw(name) === undefined ? null : int(name, min, max);
  }

  function bool(name: VariableName): boolean {
    const text = (raw(name) ?? 'false').toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    problems.push(`${name} must be true or false (got "${text}")`);
    return false;
  }

  const studioPort = int('PROOFSHEET_STUDIO_PORT', 0, 65535);
  const galleryPort = int('PROOFSHEET_GALLERY_PORT', 0, 65535);
  if (studioPort === galleryPort && studioPort !== 0) {
    problems.push(
      `PROOFSHEET_STUDIO_PORT and PROOFSHEET_GALLERY_PORT must differ (both are ${studioPort})`,
    );
  }

  const certFile = str('PROOFSHEET_TLS_CERT');
  const keyFile = str('PROOFSHEET_TLS_KEY');
  if ((certFile === null) !== (keyFile === null)) {
    problems.push('PROOFSHEET_TLS_CERT and PROOFSHEET_TLS_KEY must be set together');
  }

  const corsOrigins = list('PROOFSHEET_CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (origin === '*') {
      problems.push(
        'PROOFSHEET_CORS_ORIGINS must list origins; "*" is refused because the APIs use credentials',
      );
    } else if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(
        `PROOFSHEET_CORS_ORIGINS entries must be origins like https://app.example.com (got "${origin}")`,
      );
    }
  }

  const sessionIdleMs = duration('PROOFSHEET_SESSION_IDLE_TIMEOUT', 60_000);
  const sessionLifetimeMs = duration('PROOFSHEET_SESSION_LIFETIME', 60_000);
  if (sessionIdleMs > sessionLifetimeMs) {
    problems.push('PROOFSHEET_SESSION_IDLE_TIMEOUT must not exceed PROOFSHEET_SESSION_LIFETIME');
  }

  const headersTimeoutMs = duration('PROOFSHEET_HEADERS_TIMEOUT', 1000);
  const requestTimeoutMs = duration('PROOFSHEET_REQUEST_TIMEOUT', 1000);
  if (headersTimeoutMs > requestTimeoutMs) {
    // Node requires it: the headers are part of the request.
    problems.push('PROOFSHEET_HEADERS_TIMEOUT must not exceed PROOFSHEET_REQUEST_TIMEOUT');
  }

  // All or nothing: a bucket without credentials (or the reverse) is a half-made setup that
  // would otherwise quietly keep photos on local files.
  const s3Names = [
    'PROOFSHEET_S3_BUCKET',
    'PROOFSHEET_S3_ACCESS_KEY_ID',
    'PROOFSHEET_S3_SECRET_ACCESS_KEY',
  ] as const;
  const [bucket, accessKeyId, secretAccessKey] = s3Names.map((name) => str(name));
  const s3Endpoint = url('PROOFSHEET_S3_ENDPOINT', ['http:', 'https:']);
  const forcePathStyle = bool('PROOFSHEET_S3_FORCE_PATH_STYLE');
  let s3: S3Config | null = null;
  if (bucket && accessKeyId && secretAccessKey) {
    s3 = {
      endpoint: s3Endpoint,
      bucket,
      region: str('PROOFSHEET_S3_REGION') ?? 'us-east-1',
      accessKeyId,
      secretAccessKey,
      forcePathStyle,
    };
  } else if (bucket || accessKeyId || secretAccessKey || s3Endpoint) {
    const missing = s3Names.filter((name) => str(name) === null);
    problems.push(
      `${s3Names.join(', ')} must be set together to keep photos in S3 (missing: ${missing.join(', ')}); unset them all to keep photos under PROOFSHEET_DATA_DIR`,
    );
  }

  const logLevel = str('PROOFSHEET_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(
      `PROOFSHEET_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`,
    );
  }

  const demoPassword = str('PROOFSHEET_DEMO_PASSWORD');
  if (demoPassword !== null && demoPassword.length < 8) {
    problems.push('PROOFSHEET_DEMO_PASSWORD must be at least 8 characters');
  }

  const signUp = str('PROOFSHEET_SIGN_UP') ?? 'invite-only';
  if (!(SIGN_UP_MODES as readonly string[]).includes(signUp)) {
    problems.push(`PROOFSHEET_SIGN_UP must be ${SIGN_UP_MODES.join(', ')} (got "${signUp}")`);
  }

  const secretKey = str('PROOFSHEET_SECRET_KEY');
  if (secretKey !== null && secretKey.length < 32) {
    problems.push('PROOFSHEET_SECRET_KEY must be at least 32 characters (openssl rand -base64 32)');
  }

  const smtpUrl = url('PROOFSHEET_SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = str('PROOFSHEET_MAIL_FROM');
  if (smtpUrl !== null && mailFrom === null) {
    problems.push(
      'PROOFSHEET_MAIL_FROM must be set with PROOFSHEET_SMTP_URL, e.g. "Studio <no-reply@studio.example.com>"',
    );
  }
  if (mailFrom !== null && !/^[^<>]*<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(mailFrom)) {
    problems.push(
      `PROOFSHEET_MAIL_FROM must be an address, alone or as "Name <address>" (got "${mailFrom}")`,
    );
  }
  const webauthnRpId = str('PROOFSHEET_WEBAUTHN_RP_ID');
  if (
    webauthnRpId !== null &&
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(webauthnRpId)
  ) {
    problems.push(
      `PROOFSHEET_WEBAUTHN_RP_ID must be a lower-case domain without scheme or port, e.g. example.com (got "${webauthnRpId}")`,
    );
  }
  const webauthnOrigins = list('PROOFSHEET_WEBAUTHN_ORIGINS');
  for (const origin of webauthnOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(
        `PROOFSHEET_WEBAUTHN_ORIGINS entries must be origins like https://studio.example.com (got "${origin}")`,
      );
    }
  }
  if (smtpUrl !== null && str('PROOFSHEET_PUBLIC_STUDIO_URL') === null) {
    // Links in real mail must not be built from the Host header, which whoever asks for a
    // reset chooses: a poisoned link would hand them the victim's token.
    problems.push(
      'PROOFSHEET_PUBLIC_STUDIO_URL must be set with PROOFSHEET_SMTP_URL: links in emails are built from it',
    );
  }

  const config: Config = {
    host: str('PROOFSHEET_HOST') ?? '127.0.0.1',
    studioPort,
    galleryPort,
    publicStudioUrl: url('PROOFSHEET_PUBLIC_STUDIO_URL', ['http:', 'https:']),
    publicGalleryUrl: url('PROOFSHEET_PUBLIC_GALLERY_URL', ['http:', 'https:']),
    dataDir: str('PROOFSHEET_DATA_DIR') ?? './data',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    s3,
    sessionIdleMs,
    sessionLifetimeMs,
    authTokenLifetimeMs: duration('PROOFSHEET_AUTH_TOKEN_LIFETIME', 60_000),
    refreshGraceMs: duration('PROOFSHEET_REFRESH_GRACE', 0),
    visitorSessionLifetimeMs: duration('PROOFSHEET_VISITOR_SESSION_LIFETIME', 60_000),
    tls: certFile !== null && keyFile !== null ? { certFile, keyFile } : null,
    corsOrigins,
    trustedProxies: list('PROOFSHEET_TRUSTED_PROXIES'),
    rateLimitSession: int('PROOFSHEET_RATE_LIMIT_SESSION', 1, 1_000_000),
    rateLimitIp: int('PROOFSHEET_RATE_LIMIT_IP', 1, 1_000_000),
    rateLimitImages: int('PROOFSHEET_RATE_LIMIT_IMAGES', 1, 10_000_000),
    loginMaxFailuresIp: int('PROOFSHEET_LOGIN_MAX_FAILURES_IP', 1, 10_000),
    loginMaxFailuresAccountIp: int('PROOFSHEET_LOGIN_MAX_FAILURES_ACCOUNT_IP', 1, 10_000),
    loginSoftLimitAccount: int('PROOFSHEET_LOGIN_SOFT_LIMIT_ACCOUNT', 1, 100_000),
    hashConcurrency: int('PROOFSHEET_HASH_CONCURRENCY', 1, 64),
    hashQueue: int('PROOFSHEET_HASH_QUEUE', 0, 100_000),
    hashNice: int('PROOFSHEET_HASH_NICE', 0, 19),
    bodyLimit: int('PROOFSHEET_BODY_LIMIT', 1024, 100 * 1024 * 1024),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: duration('PROOFSHEET_KEEP_ALIVE_TIMEOUT', 1000),
    maxConnections: int('PROOFSHEET_MAX_CONNECTIONS', 1, 1_000_000),
    maxUploadBytes: int('PROOFSHEET_MAX_UPLOAD_BYTES', 1, Number.MAX_SAFE_INTEGER),
    imageCacheBytes: int('PROOFSHEET_IMAGE_CACHE_BYTES', 0, Number.MAX_SAFE_INTEGER),
    storageQuotaBytes: optionalInt('PROOFSHEET_STORAGE_QUOTA_BYTES', 0, Number.MAX_SAFE_INTEGER),
    photoWorkers: int('PROOFSHEET_PHOTO_WORKERS', 0, 64),
    photoThreads: int('PROOFSHEET_PHOTO_THREADS', 1, 64),
    jobPollIntervalMs: duration('PROOFSHEET_JOB_POLL_INTERVAL', 10),
    jobLeaseMs: duration('PROOFSHEET_JOB_LEASE', 1000),
    jobRetryDelayMs: duration('PROOFSHEET_JOB_RETRY_DELAY', 0),
    jobMaxAttempts: int('PROOFSHEET_JOB_MAX_ATTEMPTS', 1, 100),
    orphanGraceMs: duration('PROOFSHEET_ORPHAN_GRACE', 0),
    housekeepingIntervalMs: duration('PROOFSHEET_HOUSEKEEPING_INTERVAL', 1000),
    mail: Object.freeze({ smtpUrl, from: mailFrom ?? DEFAULT_MAIL_FROM }),
    mailWorkers: int('PROOFSHEET_MAIL_WORKERS', 0, 64),
    passwordResetLifetimeMs: duration('PROOFSHEET_PASSWORD_RESET_LIFETIME', 60_000),
    passwordResetMaxIp: int('PROOFSHEET_PASSWORD_RESET_MAX_IP', 1, 1_000_000),
    passwordResetMaxAccount: int('PROOFSHEET_PASSWORD_RESET_MAX_ACCOUNT', 1, 1_000_000),
    secretKey,
    mfaChallengeLifetimeMs: duration('PROOFSHEET_MFA_CHALLENGE_LIFETIME', 10_000),
    recentSignInMs: duration('PROOFSHEET_RECENT_SIGN_IN', 60_000),
    // A day at least: a shorter log could lose what happened before anyone read it.
    auditRetentionMs: duration('PROOFSHEET_AUDIT_RETENTION', 86_400_000),
    webauthnRpId,
    webauthnOrigins,
    invitationLifetimeMs: duration('PROOFSHEET_INVITATION_LIFETIME', 60_000),
    signUp: signUp as SignUpMode,
    verificationLifetimeMs: duration('PROOFSHEET_VERIFICATION_LIFETIME', 60_000),
    demoPassword,
    demoPhotos: raw('PROOFSHEET_DEMO_PHOTOS') === undefined || bool('PROOFSHEET_DEMO_PHOTOS'),
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** The `--help` text: every variable, its default and what it does. */
export function helpText(): string {
  const lines = [
    'Usage: proofsheet-server [start|migrate|create-user|create-studio|outbox|reconcile|--help]',
    '',
    '  start         Start the Studio and Gallery APIs (the default).',
    '  migrate       Apply database migrations and exit.',
    '  create-user   Create a user: --email E --role owner|assistant|gallery_client',
    '                [--first-name F --last-name L]; the password is read from stdin.',
    '  create-studio Create a studio and its owner: --name N --email E [--first-name F',
    "                --last-name L]; prints a one-time link to set the owner's password.",
    '  outbox        Print the newest emails kept for no studio (sign-up links, without',
    '                SMTP): [--to E] [--limit N].',
    '  reconcile     Delete blobs no photo refers to and unfinished uploads (older than',
    '                PROOFSHEET_ORPHAN_GRACE), queue photos stuck in processing, and exit.',
    '',
    'Environment variables:',
  ];
  for (const v of VARIABLES) {
    const def = 'default' in v && v.default !== '' ? ` (default: ${v.default})` : '';
    lines.push(`  ${v.name}`, `      ${v.description}${def}`);
  }
  return lines.join('\n');
}

/** A configuration with defaults for tests, with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // A fixed key: a test's server never writes a key file where it happens to run.
  return Object.freeze({
    ...parseConfig({}),
    secretKey: 'a key for tests only, never for a real server',
    ...overrides,
  });
}
