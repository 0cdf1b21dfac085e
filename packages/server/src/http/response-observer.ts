import type { FastifyInstance } from 'fastify';

/** One response as the server sent it: what a test needs to check it against the document. */
export interface ObservedResponse {
  api: 'studio' | 'gallery';
  method: string;
  /** The request's URL as sent: path and query. */
  url: string;
  /** The matched route's pattern (`/api/v1/clients/:id`), or null when no route matched. */
  route: string | null;
  status: number;
  contentType: string | null;
  /** The body as sent when it was text or bytes; null for a stream (which is not read) or none. */
  body: string | null;
}

/** Called once per response, after every other `onSend` hook has had its say. */
export type ResponseObserver = (response: ObservedResponse) => void;

/**
 * Shows `observe` every response the app sends. Register it after the other `onSend` hooks
 * (they run in order), so that it sees the final status and body: a 304 as a 304.
 */
export function observeResponses(
  app: FastifyInstance,
  api: ObservedResponse['api'],
  observe: ResponseObserver,
): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    observe({
      api,
      method: request.method,
      url: request.url,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      contentType: typeof type === 'string' ? type : null,
      body:
        typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString('utf8')
            : null,
    });
    done(null, payload);
  });
}
