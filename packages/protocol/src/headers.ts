/** Header names that the APIs read or write. Lower case, as Node presents them. */
export const HEADERS = {
  /** Carries the CSRF token on unsafe requests; also set on the login response. */
  csrfToken: 'x-csrf-token',
  /** Accepted in place of `x-csrf-token`: what axios and Angular send. */
  xsrfToken: 'x-xsrf-token',
  /** Seconds until a rate limit resets or a dependency is expected back. */
  retryAfter: 'retry-after',
  /** IETF draft rate-limit headers. */
  rateLimitLimit: 'ratelimit-limit',
  rateLimitRemaining: 'ratelimit-remaining',
  rateLimitReset: 'ratelimit-reset',
  rateLimitPolicy: 'ratelimit-policy',
  /** Echoed on every response; quote it when reporting a problem. */
  requestId: 'x-request-id',
} as const;

/** Methods that change state and so need the CSRF token. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
