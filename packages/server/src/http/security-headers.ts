import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options`, worked out once. Without nonces none of them depends
 * on the request, and @fastify/helmet rebuilds helmet (CSP parsing included) and sets each
 * header on the raw response for every request: about 5 % of an authenticated GET's CPU.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  // helmet's middlewares only call setHeader/removeHeader, synchronously; the casts give them
  // the collector in place of a response.
  helmet({ ...options })(
    {} as IncomingMessage,
    collector as unknown as ServerResponse,
    (error?: unknown) => {
      failure = error ?? null;
    },
  );
  if (failure) throw failure;
  return Object.freeze(headers);
}

/** Sends helmet's headers (see {@link helmetHeaders}) on every response; routes may override one. */
export function securityHeaders(
  app: FastifyInstance,
  headers: Readonly<Record<string, string>>,
): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
