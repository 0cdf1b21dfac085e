// The API reference's (Swagger UI at /docs) request interceptor: its "Try it out" requests go to
// this origin, so the browser adds the session cookie by itself, and unsafe ones need the
// session's CSRF token as a header, which this adds from the cookie. Swagger UI loads this
// module on its first request (see the server's http/api-docs.ts).
import { CSRF_HEADER, csrfCookieToken, needsCsrfToken } from './csrf-token.js';

/** The part of Swagger UI's request object this reads and writes. */
export interface DocsRequest {
  method?: string;
  headers: Record<string, string>;
}

/** Adds `X-CSRF-Token` to an unsafe request when the browser holds a session's token. */
export function withCsrfToken<R extends DocsRequest>(request: R): R {
  const token = csrfCookieToken();
  if (needsCsrfToken(request.method ?? 'GET') && token !== '') request.headers[CSRF_HEADER] = token;
  return request;
}
