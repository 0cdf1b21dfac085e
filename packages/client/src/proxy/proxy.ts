/**
 * A server-side proxy for browser apps, as the seed advises ("never expose cookies in
 * client-side code"): `/studio/api/v1/*` and `/gallery/api/v1/*` go to the two APIs through a
 * {@link PixiesetClient} whose session lives on the server. Browser cookies never go upstream
 * (requests are built from scratch), upstream `Set-Cookie` never comes back (only listed
 * headers are copied), and the CSRF token, refresh and retries are the library's business.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { codeForStatus, errorBody } from '@proofsheet/protocol';
import type { PixiesetClient } from '../client.js';
import { isAuthError, isHttpError, isTimeoutError } from '../errors.js';
import type { ApiName } from '../options.js';
import { BodyTooLarge, readBody } from './body.js';
import { checkRequest, type GuardPolicy, originAllowed } from './guard.js';

/** Options of {@link createProxy}. */
export interface ProxyOptions {
  /** The client whose session the proxy uses; log it in (or give it credentials) first. */
  client: PixiesetClient;
  /** Origins besides the proxy's own that may call it (CORS with credentials). @default [] */
  allowedOrigins?: readonly string[];
  /** Headers any one of which an unsafe request must carry. @default ['x-proofsheet-proxy', 'x-requested-with'] */
  proofHeaders?: readonly string[];
  /** Largest request body in bytes; larger ones get 413. @default 1048576 */
  bodyLimit?: number;
  /** A path prefix the proxy is mounted under, e.g. `/proxy`. @default '' */
  basePath?: string;
  /** The proxy's origin as browsers see it. @default from the request's Host header */
  publicOrigin?: string;
}

/** A Node request handler; `next` is called for paths the proxy does not serve (Express). */
export type ProxyHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** Upstream headers worth passing on. Never `set-cookie`. */
const FORWARDED_HEADERS = [
  'content-type',
  'etag',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'x-request-id',
];

const ROUTE = /^\/(studio|gallery)(\/api\/v1\/[^?#]*)(\?.*)?$/;

/**
 * Creates the proxy's request handler.
 *
 * @example
 * const client = createClient({ studioUrl, galleryUrl, credentials: { email, password } });
 * http.createServer(createProxy({ client, allowedOrigins: ['https://app.example.com'] })).listen(8080);
 * // Express: app.use(createProxy({ client }));
 * // Fastify: app.addHook('onRequest', (req, reply, done) => { if (req.url.startsWith('/studio/') || req.url.startsWith('/gallery/')) { reply.hijack(); void handler(req.raw, reply.raw); } else done(); });
 */
export function createProxy(options: ProxyOptions): ProxyHandler {
  const policy: GuardPolicy = {
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    proofHeaders: (options.proofHeaders ?? ['x-proofsheet-proxy', 'x-requested-with']).map((h) =>
      h.toLowerCase(),
    ),
  };
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');

  return async (request, response, next) => {
    const rawUrl = request.url ?? '/';
    const path = rawUrl.startsWith(basePath) ? rawUrl.slice(basePath.length) : null;
    const match = path === null ? null : ROUTE.exec(path);
    if (!match) {
      if (next) return next();
      return send(
        response,
        404,
        errorBody('not_found', 'The proxy serves /studio/api/v1/* and /gallery/api/v1/*'),
      );
    }
    const api = match[1] as ApiName;
    // Dot segments would let `/studio/api/v1/../../logout` reach pages outside the API once the
    // URL is normalised upstream; the API has none, so refuse them outright.
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(match[2] ?? '')) {
      return send(
        response,
        400,
        errorBody('bad_request', 'Dot segments are not allowed in the path'),
      );
    }
    const upstreamPath = `${match[2] ?? ''}${match[3] ?? ''}`;
    const method = (request.method ?? 'GET').toUpperCase();
    const selfOrigin =
      options.publicOrigin ??
      `${(request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${request.headers.host ?? ''}`;
    const input = { method, headers: request.headers, selfOrigin };
    const origin = request.headers.origin;
    // No caching anywhere between us and the browser: the data is one account's.
    response.setHeader('cache-control', 'no-store');
    response.setHeader('vary', 'Origin');
    response.setHeader('x-content-type-options', 'nosniff');
    if (origin !== undefined && originAllowed(origin, input, policy) && origin !== selfOrigin) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
    }
    if (method === 'OPTIONS') return preflight(response, origin, input, policy);

    const verdict = checkRequest(input, policy);
    if (!verdict.ok) return send(response, 403, errorBody('cross_site', verdict.message));

    let body: unknown;
    try {
      const text = 'body' in request ? null : await readBody(request, bodyLimit);
      body = text === null ? (request as { body?: unknown }).body : parseJson(text);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        response.setHeader('connection', 'close');
        return send(response, 413, errorBody('payload_too_large', error.message));
      }
      return send(response, 400, errorBody('bad_request', 'The request body is not valid JSON'));
    }

    try {
      const ifNoneMatch = request.headers['if-none-match'];
      const result = await options.client.request<unknown>(api, method, upstreamPath, {
        cache: false,
        ...(body !== undefined ? { body } : {}),
        ...(typeof ifNoneMatch === 'string' ? { headers: { 'if-none-match': ifNoneMatch } } : {}),
      });
      copyHeaders(result.headers, response);
      return send(response, result.status, result.data);
    } catch (error) {
      if (isHttpError(error)) {
        copyHeaders(error.headers, response);
        return send(response, error.status, error.body);
      }
      if (isAuthError(error)) {
        return send(
          response,
          401,
          errorBody(
            'session_expired',
            "The proxy's upstream session expired and could not be renewed",
          ),
        );
      }
      const message = error instanceof Error ? error.message : String(error);
      const code = isTimeoutError(error) ? 'gateway_timeout' : 'bad_gateway';
      return send(response, code === 'gateway_timeout' ? 504 : 502, errorBody(code, message));
    }
  };
}

function preflight(
  response: ServerResponse,
  origin: string | undefined,
  input: Parameters<typeof checkRequest>[0],
  policy: GuardPolicy,
): void {
  if (origin === undefined || !originAllowed(origin, input, policy)) {
    send(response, 403, errorBody('cross_site', `Origin ${origin ?? '(none)'} is not allowed`));
    return;
  }
  response.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
  response.setHeader(
    'access-control-allow-headers',
    ['content-type', 'if-none-match', ...policy.proofHeaders].join(', '),
  );
  response.setHeader('access-control-max-age', '600');
  response.statusCode = 204;
  response.end();
}

function parseJson(text: string): unknown {
  return text.trim() === '' ? undefined : JSON.parse(text);
}

function copyHeaders(from: Headers, to: ServerResponse): void {
  for (const name of FORWARDED_HEADERS) {
    const value = from.get(name);
    if (value !== null) to.setHeader(name, value);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  if (body === undefined || status === 204 || status === 304) {
    response.removeHeader('content-type');
    response.end();
    return;
  }
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(
    typeof body === 'string'
      ? JSON.stringify(errorBody(codeForStatus(status), body))
      : JSON.stringify(body),
  );
}
