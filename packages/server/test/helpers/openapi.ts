/** The OpenAPI documents of both APIs, as `/openapi.json` serves them, and their operations. */
import type { FastifyInstance } from 'fastify';

export type Api = 'studio' | 'gallery';

export interface MediaObject {
  schema?: Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

export interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaObject>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { required?: boolean; content: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDoc {
  openapi: string;
  info: { title: string; description?: string; version: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas?: Record<string, Record<string, unknown>>;
    responses?: Record<string, ResponseObject>;
    securitySchemes?: Record<string, { type: string; in: string; name: string }>;
  };
}

/** One operation of a document, with where it is. */
export interface DocumentedOperation {
  api: Api;
  method: string;
  /** As the document names it: `/api/v1/clients/{id}`. */
  path: string;
  operation: Operation;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Fetches `/openapi.json` from an app. */
export async function documentOf(app: FastifyInstance): Promise<OpenApiDoc> {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (response.statusCode !== 200) {
    throw new Error(`GET /openapi.json answered ${response.statusCode}: ${response.body}`);
  }
  return response.json() as OpenApiDoc;
}

/** Every operation of a document, in its order. */
export function operationsOf(api: Api, doc: OpenApiDoc): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ api, method: method.toUpperCase(), path, operation })),
  );
}

/** A response, with a `$ref` to `components.responses` followed. */
export function resolveResponse(doc: OpenApiDoc, response: ResponseObject): ResponseObject {
  const ref = response.$ref;
  if (ref === undefined) return response;
  const name = ref.replace('#/components/responses/', '');
  const shared = doc.components.responses?.[name];
  if (!shared) throw new Error(`${ref} is not in components.responses`);
  return shared;
}
