/**
 * `@proofsheet/client`: a client of the Proofsheet (Pixieset-style) Studio and Gallery APIs
 * that handles the whole session lifecycle, and a server-side proxy for browser apps.
 */

// For tools that keep their own private files beside the cookie jar (the CLI's hosts.json).
export { readIfExists, writeFileAtomic } from './atomic-file.js';
export { type ApiSelection, createClient, PixiesetClient } from './client.js';
export {
  type CookieJar,
  MemoryCookieJar,
  parseCookieHeader,
  readCookie,
  type SerializedOrigins,
} from './cookie-jar.js';
export {
  AuthError,
  HttpError,
  isAuthError,
  isHttpError,
  isMfaRequiredError,
  isNetworkError,
  isProofsheetError,
  isResponseShapeError,
  isTimeoutError,
  MfaRequiredError,
  NetworkError,
  ProofsheetError,
  ResponseShapeError,
  TimeoutError,
} from './errors.js';
export { FileCookieJar, type FileCookieJarOptions, mergeOrigins } from './file-cookie-jar.js';
export {
  type ApiName,
  type ClientOptions,
  type Clock,
  type Credentials,
  type CredentialsProvider,
  DEFAULT_KEEP_ALIVE_MS,
  type Logger,
  normalizeOptions,
  type ResolvedOptions,
  type SecondFactorAnswer,
  type SecondFactorChallenge,
  type SecondFactorProvider,
} from './options.js';
export { type FetchPage, type PageOf, Paginator, paginate } from './paginate.js';
export { createProxy, type ProxyHandler, type ProxyOptions } from './proxy/proxy.js';
export { type ApiResponse, type QueryValue, type RequestOptions, withQuery } from './request.js';
export {
  type CollectionPage,
  CollectionsResource,
  GalleriesResource,
  type GalleryApi,
  type GalleryPage,
} from './resources/gallery.js';
export {
  type ClientListOptions,
  type ClientSearchOptions,
  ClientsResource,
  NotificationsResource,
  type StudioApi,
  type TypesFilter,
} from './resources/studio.js';
export { RESPONSE_SCHEMAS } from './response-schemas.js';
export { type ResponseSchema, responseSchema, type ShapeProblem } from './response-shape.js';
export {
  DEFAULT_RETRY_POLICY,
  type Random,
  type RetryPolicy,
  type RetryState,
  retryDelay,
  shouldRetry,
} from './retry.js';
export { parseRateLimitReset, parseRetryAfter, serverRetryDelay } from './retry-after.js';
