import { isDeepStrictEqual } from 'node:util';
import { ERRORS, type ErrorCode, errorBody, REASON_PHRASES } from '@proofsheet/protocol';

/** The parts of an OpenAPI 3.0 document this module reads and writes. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components: {
    schemas?: Record<string, Record<string, unknown>>;
    responses?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The component every error response's body refers to. */
export const ERROR_SCHEMA = 'ErrorBody';

/** A reference to the error schema (a fresh object each time: the document is edited later). */
function errorSchemaRef() {
  return { $ref: `#/components/schemas/${ERROR_SCHEMA}` };
}

const RETRY_AFTER = {
  description: 'Seconds until the request may succeed.',
  schema: { type: 'integer', minimum: 0 },
};

/** The `details` the examples of validation errors show. */
const DETAILS: Partial<Record<ErrorCode, Record<string, string[]>>> = {
  invalid_query: { per_page: ['must be <= 100'] },
  validation_failed: { email: ['must match format "email"'] },
};

/** `Too Many Requests` → `TooManyRequests`. */
function componentName(status: number): string {
  const phrase = (REASON_PHRASES as Record<number, string>)[status] ?? `Status${status}`;
  return phrase.replace(/[^A-Za-z]/g, '');
}

function codesOf(status: number): ErrorCode[] {
  return (Object.keys(ERRORS) as ErrorCode[]).filter((code) => ERRORS[code].status === status);
}

/** The shared response of one error status: its codes, each with the body it answers. */
function errorResponse(status: number) {
  const codes = codesOf(status);
  const phrase = componentName(status);
  const listed = codes.map((code) => `\`${code}\`: ${ERRORS[code].description}`).join(' ');
  const examples = Object.fromEntries(
    codes.map((code) => [
      code,
      { summary: ERRORS[code].message, value: errorBody(code, undefined, DETAILS[code]) },
    ]),
  );
  const retry = status === 429 || status === 503;
  return {
    description:
      `${(REASON_PHRASES as Record<number, string>)[status] ?? phrase}. ${listed}`.trim(),
    ...(retry ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
    content: {
      'application/json': {
        schema: errorSchemaRef(),
        examples,
      },
    },
  };
}

type Media = Record<string, { schema?: unknown; [key: string]: unknown }>;

/**
 * Every error response whose body is the error schema becomes a reference to one shared
 * response per status (`#/components/responses/Unauthorized`), which lists the codes that status
 * carries with an example body for each, from the protocol's table of codes. The document says
 * the same thing in a tenth of the size. A response that also has another type (a sign-in
 * form's HTML page) keeps its own, and refers to the error schema for its JSON.
 */
export function shareErrorResponses(doc: OpenApiDocument): OpenApiDocument {
  const schemas = doc.components.schemas ?? {};
  const errorSchema = schemas[ERROR_SCHEMA];
  if (!errorSchema) throw new Error(`components.schemas.${ERROR_SCHEMA} is missing`);
  const used = new Set<number>();
  for (const operations of Object.values(doc.paths)) {
    for (const operation of Object.values(operations)) {
      const responses = (operation.responses ?? {}) as Record<
        string,
        { content?: Media; $ref?: string }
      >;
      for (const [status, response] of Object.entries(responses)) {
        const code = Number(status);
        const content = response.content ?? {};
        const json = content['application/json'];
        if (code < 400 || !json) continue;
        // A union with the error body (sign-in's 401, which may also ask for a second factor)
        // refers to the shared schema for that member.
        const members = (json.schema as { anyOf?: unknown[] } | undefined)?.anyOf;
        if (members?.some((m) => isDeepStrictEqual(m, errorSchema))) {
          const anyOf = members.map((m) =>
            isDeepStrictEqual(m, errorSchema) ? errorSchemaRef() : m,
          );
          content['application/json'] = { ...json, schema: { anyOf } };
          continue;
        }
        if (!isDeepStrictEqual(json.schema, errorSchema)) continue;
        if (Object.keys(content).length > 1) {
          content['application/json'] = { ...json, schema: errorSchemaRef() };
        } else {
          used.add(code);
          responses[status] = { $ref: `#/components/responses/${componentName(code)}` };
        }
      }
    }
  }
  const responses: Record<string, unknown> = { ...doc.components.responses };
  for (const status of [...used].sort((a, b) => a - b)) {
    responses[componentName(status)] = errorResponse(status);
  }
  schemas[ERROR_SCHEMA] = { ...errorSchema, example: errorBody('session_expired') };
  return { ...doc, components: { ...doc.components, schemas, responses } };
}
