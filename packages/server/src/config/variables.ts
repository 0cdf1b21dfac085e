/**
 * Every environment variable the server reads: one table that drives parsing, validation and
 * `--help`, so that the three cannot disagree.
 */
export type VariableKind =
  | 'string'
  | 'port'
  | 'duration'
  | 'integer'
  | 'list'
  | 'path'
  | 'url'
  | 'boolean';

export interface Variable {
  name: string;
  kind: VariableKind;
  /** The default as the user would write it; absent when the variable is optional. */
  default?: string;
  description: string;
  /** Keep the value out of `--help` output and logs. */
  secret?: boolean;
}

export const VARIABLES = [
  {
    name: 'PROOFSHEET_HOST',
    kind: 'string',
    default: '127.0.0.1',
    description: 'Address both APIs listen on.',
  },
  {
    name: 'PROOFSHEET_STUDIO_PORT',
    kind: 'port',
    default: '3000',
    description: 'Port of the Studio API.',
  },
  {
    name: 'PROOFSHEET_GALLERY_PORT',
    kind: 'port',
    default: '3001',
    description: 'Port of the Gallery API.',
  },
  {
    name: 'PROOFSHEET_PUBLIC_STUDIO_URL',
    kind: 'url',
    description:
      'Public base URL of the Studio API, when behind a proxy (default: from host and port).',
  },
  {
    name: 'PROOFSHEET_PUBLIC_GALLERY_URL',
    kind: 'url',
    description: 'Public base URL of the Gallery API, when behind a proxy.',
  },
  {
    name: 'PROOFSHEET_DATA_DIR',
    kind: 'path',
    default: './data',
    description: 'Directory of the SQLite database (created on first run).',
  },
  {
    name: 'DATABASE_URL',
    kind: 'url',
    description: 'postgres://… to use PostgreSQL instead of SQLite.',
    secret: true,
  },
  {
    name: 'REDIS_URL',
    kind: 'url',
    description: 'redis://… to keep sessions and rate limits in Redis (several instances).',
    secret: true,
  },
  {
    name: 'PROOFSHEET_S3_BUCKET',
    kind: 'string',
    description:
      'S3 bucket for photo blobs, instead of files under the data directory (with the S3 credentials).',
  },
  {
    name: 'PROOFSHEET_S3_ENDPOINT',
    kind: 'url',
    description: 'S3-compatible endpoint, e.g. http://minio:9000 (default: AWS for the region).',
  },
  {
    name: 'PROOFSHEET_S3_REGION',
    kind: 'string',
    default: 'us-east-1',
    description: 'Region of the S3 bucket.',
  },
  {
    name: 'PROOFSHEET_S3_ACCESS_KEY_ID',
    kind: 'string',
    description: 'Access key id for the S3 bucket.',
  },
  {
    name: 'PROOFSHEET_S3_SECRET_ACCESS_KEY',
    kind: 'string',
    description: 'Secret access key for the S3 bucket.',
    secret: true,
  },
  {
    name: 'PROOFSHEET_S3_FORCE_PATH_STYLE',
    kind: 'boolean',
    default: 'false',
    description: 'true to address the bucket in the path (most S3-compatible servers need it).',
  },
  {
    name: 'PROOFSHEET_SESSION_IDLE_TIMEOUT',
    kind: 'duration',
    default: '30m',
    description: 'A session ends after this long without a request.',
  },
  {
    name: 'PROOFSHEET_SESSION_LIFETIME',
    kind: 'duration',
    default: '12h',
    description: 'A session ends this long after it was issued, however active.',
  },
  {
    name: 'PROOFSHEET_AUTH_TOKEN_LIFETIME',
    kind: 'duration',
    default: '30d',
    description: 'How long an auth token can renew an expired session.',
  },
  {
    name: 'PROOFSHEET_VISITOR_SESSION_LIFETIME',
    kind: 'duration',
    default: '30d',
    description:
      "How long a share-link visitor's session lasts after they enter (never past the link's expiry).",
  },
  {
    name: 'PROOFSHEET_REFRESH_GRACE',
    kind: 'duration',
    default: '10s',
    description:
      'Window in which a concurrent refresh with the same auth token gets the same new session.',
  },
  {
    name: 'PROOFSHEET_TLS_CERT',
    kind: 'path',
    description: 'PEM certificate file: serve HTTPS (with HSTS and __Host- cookies).',
  },
  {
    name: 'PROOFSHEET_TLS_KEY',
    kind: 'path',
    description: 'PEM private key file, with PROOFSHEET_TLS_CERT.',
  },
  {
    name: 'PROOFSHEET_CORS_ORIGINS',
    kind: 'list',
    default: '',
    description: 'Comma-separated origins allowed to call the APIs with credentials (no wildcard).',
  },
  {
    name: 'PROOFSHEET_TRUSTED_PROXIES',
    kind: 'list',
    default: '',
    description: 'Comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed.',
  },
  {
    name: 'PROOFSHEET_RATE_LIMIT_SESSION',
    kind: 'integer',
    default: '600',
    description: 'Requests per minute per session.',
  },
  {
    name: 'PROOFSHEET_RATE_LIMIT_IP',
    kind: 'integer',
    default: '1200',
    description: 'Requests per minute per client IP.',
  },
  {
    name: 'PROOFSHEET_RATE_LIMIT_IMAGES',
    kind: 'integer',
    default: '6000',
    description:
      'Image requests (thumbnails, previews, originals) per minute per session or visitor, and twice that per client IP, counted apart from the API requests: a gallery page asks for hundreds.',
  },
  {
    name: 'PROOFSHEET_LOGIN_MAX_FAILURES_IP',
    kind: 'integer',
    default: '20',
    description: 'Failed logins per IP per 15 minutes before delays start.',
  },
  {
    name: 'PROOFSHEET_LOGIN_MAX_FAILURES_ACCOUNT_IP',
    kind: 'integer',
    default: '5',
    description: 'Failed logins per account and IP per 15 minutes before delays start.',
  },
  {
    name: 'PROOFSHEET_LOGIN_SOFT_LIMIT_ACCOUNT',
    kind: 'integer',
    default: '50',
    description:
      'Failed logins per account per hour before unfamiliar IPs are slowed (known IPs never are).',
  },
  {
    name: 'PROOFSHEET_HASH_CONCURRENCY',
    kind: 'integer',
    default: '2',
    description: 'Password hashes computed at once; more logins wait in a queue.',
  },
  {
    name: 'PROOFSHEET_HASH_NICE',
    kind: 'integer',
    default: '10',
    description:
      'How much lower (nice steps, 0-19) password hashing runs than requests, on Linux; 0 turns it off.',
  },
  {
    name: 'PROOFSHEET_HASH_QUEUE',
    kind: 'integer',
    default: '64',
    description: 'Logins that may wait for a hash before the server answers 503.',
  },
  {
    name: 'PROOFSHEET_BODY_LIMIT',
    kind: 'integer',
    default: '65536',
    description: 'Largest request body in bytes.',
  },
  {
    name: 'PROOFSHEET_HEADERS_TIMEOUT',
    kind: 'duration',
    default: '20s',
    description: 'A request whose headers have not all arrived by then is answered 408 and closed.',
  },
  {
    name: 'PROOFSHEET_REQUEST_TIMEOUT',
    kind: 'duration',
    default: '60s',
    description: 'A request (headers and body) not received by then is answered 408 and closed.',
  },
  {
    name: 'PROOFSHEET_KEEP_ALIVE_TIMEOUT',
    kind: 'duration',
    default: '72s',
    description:
      "An idle keep-alive connection is closed after this; keep it above your proxy's idle timeout.",
  },
  {
    name: 'PROOFSHEET_MAX_CONNECTIONS',
    kind: 'integer',
    default: '10000',
    description: 'Open connections each API accepts at once; more are refused.',
  },
  {
    name: 'PROOFSHEET_MAX_UPLOAD_BYTES',
    kind: 'integer',
    default: '209715200',
    description: 'Largest photo or video upload in bytes (default 200 MiB); larger ones get 413.',
  },
  {
    name: 'PROOFSHEET_IMAGE_CACHE_BYTES',
    kind: 'integer',
    default: '67108864',
    description:
      'Memory for thumbnails and previews served often (default 64 MiB; 0: read each from storage).',
  },
  {
    name: 'PROOFSHEET_STORAGE_QUOTA_BYTES',
    kind: 'integer',
    description: 'Bytes each account may store, originals and sizes together (default: no limit).',
  },
  {
    name: 'PROOFSHEET_PHOTO_WORKERS',
    kind: 'integer',
    default: '1',
    description:
      'Photos processed at once by this process (0: none here, another instance does it).',
  },
  {
    name: 'PROOFSHEET_PHOTO_THREADS',
    kind: 'integer',
    default: '1',
    description:
      'Threads sharp (libvips) uses for each photo; keep workers x threads below the cores.',
  },
  {
    name: 'PROOFSHEET_JOB_POLL_INTERVAL',
    kind: 'duration',
    default: '1s',
    description: 'How often an idle worker looks for background jobs.',
  },
  {
    name: 'PROOFSHEET_JOB_LEASE',
    kind: 'duration',
    default: '5m',
    description:
      "How long a job whose worker died waits before it runs again (with pg-boss: a job's longest run).",
  },
  {
    name: 'PROOFSHEET_JOB_RETRY_DELAY',
    kind: 'duration',
    default: '5s',
    description:
      'Delay before the first retry of a failed job; each next one doubles, with jitter.',
  },
  {
    name: 'PROOFSHEET_JOB_MAX_ATTEMPTS',
    kind: 'integer',
    default: '5',
    description: 'Runs of a background job before it fails for good.',
  },
  {
    name: 'PROOFSHEET_HOUSEKEEPING_INTERVAL',
    kind: 'duration',
    default: '1h',
    description:
      'How often expired sessions, visitor sessions, unfinished uploads, reset tokens and audit events past PROOFSHEET_AUDIT_RETENTION are deleted, and stranded emails queued again (also once at start-up).',
  },
  {
    name: 'PROOFSHEET_ORPHAN_GRACE',
    kind: 'duration',
    default: '1h',
    description:
      'Reconciliation deletes unreferenced blobs and unfinished uploads only when older than this.',
  },
  {
    name: 'PROOFSHEET_SMTP_URL',
    kind: 'url',
    description:
      'smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 to send email; unset, mail stays in the local outbox that owners read at /app/outbox.',
    secret: true,
  },
  {
    name: 'PROOFSHEET_MAIL_FROM',
    kind: 'string',
    description:
      'Sender of every email, e.g. "Studio <no-reply@studio.example.com>"; required with PROOFSHEET_SMTP_URL (default without it: Proofsheet <no-reply@localhost>).',
  },
  {
    name: 'PROOFSHEET_MAIL_WORKERS',
    kind: 'integer',
    default: '2',
    description: 'Emails sent at once by this process; 0 starts no mail worker.',
  },
  {
    name: 'PROOFSHEET_PASSWORD_RESET_LIFETIME',
    kind: 'duration',
    default: '30m',
    description: 'How long a password reset link works (once).',
  },
  {
    name: 'PROOFSHEET_INVITATION_LIFETIME',
    kind: 'duration',
    default: '7d',
    description: 'How long an invitation link works (once).',
  },
  {
    name: 'PROOFSHEET_SIGN_UP',
    kind: 'string',
    default: 'invite-only',
    description:
      'Who may make a new studio: open (anyone, by POST /api/v1/signup and the /signup page, the address verified by email), invite-only (no sign-up; people join studios by invitation, and the sign-in page says so) or closed (no sign-up, and the sign-in page says nothing of it). In every mode `create-studio` makes studios.',
  },
  {
    name: 'PROOFSHEET_VERIFICATION_LIFETIME',
    kind: 'duration',
    default: '24h',
    description:
      'How long a sign-up link, an email-change confirmation link and a `create-studio` set-password link work (once).',
  },
  {
    name: 'PROOFSHEET_PASSWORD_RESET_MAX_IP',
    kind: 'integer',
    default: '10',
    description:
      'Password reset requests, and sign-up requests, per IP address per hour (counted apart).',
  },
  {
    name: 'PROOFSHEET_PASSWORD_RESET_MAX_ACCOUNT',
    kind: 'integer',
    default: '3',
    description:
      'Password reset requests, and sign-up requests, per email address per hour (counted apart, and alike whether an account has the address or not).',
  },
  {
    name: 'PROOFSHEET_SECRET_KEY',
    kind: 'string',
    description:
      'At least 32 characters (openssl rand -base64 32) that seal second-factor secrets in the database; unset, a key file is made in PROOFSHEET_DATA_DIR. Several instances must share one value.',
    secret: true,
  },
  {
    name: 'PROOFSHEET_MFA_CHALLENGE_LIFETIME',
    kind: 'duration',
    default: '5m',
    description: 'How long the second step of a sign-in (the authenticator code) may wait.',
  },
  {
    name: 'PROOFSHEET_RECENT_SIGN_IN',
    kind: 'duration',
    default: '15m',
    description:
      'How recent a sign-in must be to set up, remove or renew a second factor (else 403 recent_sign_in_required).',
  },
  {
    name: 'PROOFSHEET_WEBAUTHN_RP_ID',
    kind: 'string',
    description:
      "The domain passkeys are bound to (WebAuthn's relying party ID), e.g. example.com to share them between studio.example.com and gallery.example.com (default: the host of the API's public URL, else of the request).",
  },
  {
    name: 'PROOFSHEET_WEBAUTHN_ORIGINS',
    kind: 'list',
    description:
      "Comma-separated origins whose pages may register and use passkeys (default: the API's own origin, as for its forms).",
  },
  {
    name: 'PROOFSHEET_AUDIT_RETENTION',
    kind: 'duration',
    default: '365d',
    description:
      'How long security events (sign-ins, password changes, revoked sessions) are kept for owners to read; housekeeping deletes older ones. At least 1d.',
  },
  {
    name: 'PROOFSHEET_DEMO_PHOTOS',
    kind: 'boolean',
    default: 'true',
    description:
      'false: the demo studio made on an empty database gets no generated photos (tests that count blobs).',
  },
  {
    name: 'PROOFSHEET_DEMO_PASSWORD',
    kind: 'string',
    description: 'Password of the demo accounts (default: random, printed once).',
    secret: true,
  },
  {
    name: 'PROOFSHEET_LOG_LEVEL',
    kind: 'string',
    default: 'info',
    description: 'fatal, error, warn, info, debug or trace.',
  },
] as const satisfies readonly Variable[];

export type VariableName = (typeof VARIABLES)[number]['name'];
