import { ERRORS, ErrorBody, type ErrorCode, errorBody, reasonPhrase } from '@proofsheet/protocol';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

/** What every API route may answer, whatever it does: a bad request, no session, a role or
 * CSRF refusal, a URL over the limit, a query or path that breaks the text rule (422: the rule
 * holds for every part of every request), a rate limit, an outage, and the generic 500. */
const ALWAYS = [400, 401, 403, 414, 422, 429, 500, 503] as const;
/** What a route that reads a body may answer besides. */
const WITH_BODY = [413, 415] as const;

/** A 204: nothing in the body. */
export const NoContent = Type.Null({ description: 'No content' });

/** A redirect that browsers follow, to its `Location`; the body is empty. */
export function Redirect(description: string): TSchema {
  return Type.Null({
    description,
    headers: { Location: { type: 'string', description: 'Where the browser goes next' } },
  });
}

/**
 * An error of a route that browsers post a form to: JSON clients get the error body (`code`
 * in the example), a browser (`Accept: text/html`) the page again, with the problem on it.
 */
export function PageOrError(code: ErrorCode): ContentResponse {
  return {
    description: `${reasonPhrase(ERRORS[code].status)}: \`${code}\` as JSON; a browser (\`Accept: text/html\`) gets the page again, saying what went wrong`,
    content: {
      'application/json': { schema: ErrorBody, example: errorBody(code) },
      'text/html': { schema: Type.String(), example: '<!doctype html><html lang="en">…</html>' },
    },
  };
}

/** A success in a content type other than JSON (a CSV download, an image). */
export interface ContentResponse {
  description: string;
  /** Each type's schema, and an example for the OpenAPI document. */
  content: Record<string, { schema: TSchema; example?: unknown }>;
  /** Headers worth documenting (`ETag`, `Content-Range`), for the OpenAPI document. */
  headers?: Record<string, { type: 'string' | 'integer'; description: string }>;
}

export interface ResponseOptions {
  /** The route reads a JSON body: 413, 415 and 422 too. */
  body?: boolean;
  /** The route names a resource that may not exist: 404 too. */
  found?: boolean;
  /** Other statuses the route answers, such as 409. */
  also?: readonly number[];
}

/**
 * The `response` schemas of a route: its successes, and the error body for every error
 * status it can answer. Fastify serializes each response with its schema, so nothing outside
 * the schema leaves the server, and the OpenAPI document lists every status.
 */
export function responses(
  success: Readonly<Record<number, TSchema | ContentResponse>>,
  options: ResponseOptions = {},
): Record<string, TSchema | ContentResponse> {
  const statuses = new Set<number>([
    ...ALWAYS,
    ...(options.body ? WITH_BODY : []),
    ...(options.found ? [404] : []),
    ...(options.also ?? []),
  ]);
  const out: Record<string, TSchema | ContentResponse> = {};
  for (const [status, schema] of Object.entries(success)) out[status] = schema;
  for (const status of [...statuses].sort()) out[String(status)] = ErrorBody;
  return out;
}

/** Marks a response that carries a session's secrets (tokens, sign-ins) as never to be stored. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}
