/**
 * The part of the client that runs in a browser as it is: pure functions with no Node modules
 * and no other packages at run time (type imports only). The server's web app imports a copy of
 * it compiled for the browser (`packages/server/src/web/assets/tsconfig.vendor.json`), so that
 * the pages and this library read errors and `Retry-After` by the same rules. Keep it that way:
 * the server's browser build fails when something here needs more than the DOM.
 */
export { errorCode, hasErrorCode, isCsrfMismatch } from './error-code.js';
export { parseRateLimitReset, parseRetryAfter, serverRetryDelay } from './retry-after.js';
