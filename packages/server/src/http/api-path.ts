import type { FastifyRequest } from 'fastify';

/** Every API route lives under this prefix; pages, `/login` and health checks do not. */
export const API_PREFIX = '/api/';

/** The prefix of the one scope every resource route of this version is registered in. */
export const API_V1 = '/api/v1';

/** A path of `PATHS` (`/api/v1/…`) as routes inside the `/api/v1` scope declare it. */
export function inApiScope(path: string): string {
  if (!path.startsWith(API_V1)) throw new Error(`${path} is not under ${API_V1}`);
  return path.slice(API_V1.length);
}

/** The longest URL the server reads; longer ones get 414 before routing matters. */
export const MAX_URL_LENGTH = 8192;

/**
 * The request's path as the router sees it: percent-decoded, without the query. Judging the
 * raw URL would let `/%61pi/v1/…` (which the router serves as `/api/v1/…`) pass for a page.
 * Null when the encoding is malformed (the router refuses those too).
 */
export function routedPath(rawUrl: string): string | null {
  const end = rawUrl.search(/[?#]/);
  const path = end === -1 ? rawUrl : rawUrl.slice(0, end);
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

const verdicts = new WeakMap<FastifyRequest, boolean>();

/**
 * Whether the request is for the API, judged once per request from the matched route's pattern
 * (or, with no route, from the decoded path), so every hook agrees.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  let verdict = verdicts.get(request);
  if (verdict === undefined) {
    const pattern = request.routeOptions.url;
    const path = pattern && pattern !== '*' ? pattern : routedPath(request.url);
    verdict = path?.startsWith(API_PREFIX) === true;
    verdicts.set(request, verdict);
  }
  return verdict;
}
