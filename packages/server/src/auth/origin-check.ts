import type { FastifyRequest } from 'fastify';

/**
 * Defence in depth against CSRF, before the token is even compared: a browser tells us where
 * an unsafe request comes from (Fetch Metadata, Origin), and we refuse what is cross-site.
 * Requests without those headers (curl, requests, Net::HTTP) are judged by the token alone.
 */
export function isCrossSiteRequest(
  request: FastifyRequest,
  allowedOrigins: ReadonlySet<string>,
  selfOrigin: string,
): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    // "null" is what sandboxed frames and some redirects send: never an allowed origin.
    if (origin !== selfOrigin && !allowedOrigins.has(origin)) return true;
    // An allowed cross-origin caller (CORS allow-list) is judged by the token.
    return false;
  }
  // Without Origin, Fetch Metadata still tells a cross-site browser request.
  return request.headers['sec-fetch-site'] === 'cross-site';
}

/** The origin a browser on this API's own pages sends. */
export function selfOrigin(
  request: FastifyRequest,
  options: { publicOrigin: string | null; secure: boolean },
): string {
  return options.publicOrigin ?? `${options.secure ? 'https' : 'http'}://${request.host}`;
}
