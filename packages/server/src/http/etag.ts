import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The ETag of a body: weak, as the bodies are equal JSON, not promised byte for byte across
 * encodings. Routes that cache rendered pages use it too, so a client's ETag does not change
 * with whether the page came from a cache.
 */
export function weakEtagOf(payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64')}"`;
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * ETags and 304s for successful reads only. An error must never be a cache validator: a 401's
 * ETag sent back would otherwise turn into a 304, and a client would keep the error.
 * A route may set its own ETag (the client lists do, from their cache).
 */
export function conditionalGets(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) {
      done(null, payload);
      return;
    }
    let etag = reply.getHeader('etag');
    if (typeof etag !== 'string') {
      if (!(typeof payload === 'string' || Buffer.isBuffer(payload))) {
        done(null, payload);
        return;
      }
      etag = weakEtagOf(payload);
      reply.header('etag', etag);
    }
    if (matches(request, etag)) {
      reply.code(304);
      done(null, '');
      return;
    }
    done(null, payload);
  });
}
