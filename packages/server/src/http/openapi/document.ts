import fastifySwagger, { type SwaggerTransform } from '@fastify/swagger';
import { ErrorBody } from '@proofsheet/protocol';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ERROR_SCHEMA, type OpenApiDocument, shareErrorResponses } from './errors.js';
import { dropNestedExamples } from './examples.js';
import { securityOf, securitySchemes } from './security.js';

/** Tags in the order the documents list them; each document lists only those it uses. */
const TAGS = [
  { name: 'Auth', description: 'Sign in and out, the session and its CSRF token, sign-ins.' },
  { name: 'Clients', description: "The studio's clients, leads and other contacts." },
  { name: 'Notifications', description: 'What happened in the studio, newest first.' },
  { name: 'Outbox', description: 'Every email the server sends, with its status (owners).' },
  {
    name: 'Audit',
    description: "The studio's security events: sign-ins, passwords, sessions (owners).",
  },
  {
    name: 'Members',
    description: "The studio's users and their roles, and invitations to join (owners).",
  },
  { name: 'Bootstrap', description: 'What the Gallery app loads at start-up.' },
  { name: 'Collections', description: 'Collections of galleries, shared with gallery clients.' },
  { name: 'Galleries', description: 'The galleries of a collection, and favorites.' },
  {
    name: 'Sharing',
    description: 'Share links to collections, and how their visitors (no account) enter.',
  },
  {
    name: 'Photos',
    description: 'The photos and videos of a gallery: uploads, their images, and edits.',
  },
  { name: 'Watermarks', description: "The studio's watermark, and which collections carry it." },
  {
    name: 'Proofing',
    description:
      'What clients choose: favorite photos in lists, the selections the studio reads and exports, comments on photos.',
  },
  {
    name: 'Downloads',
    description: 'Photos, galleries and collections downloaded, the download PIN, and tracking.',
  },
  { name: 'Health', description: 'Liveness and readiness probes. No session needed.' },
] as const;

/** Descriptions of the successes the routes answer (errors are described by their codes). */
const SUCCESS_PHRASES: Readonly<Record<string, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  303: 'See Other',
};

/** What a conditional GET answers when `If-None-Match` names the current ETag: no body. */
const NOT_MODIFIED = {
  type: 'null',
  description: 'Not Modified: `If-None-Match` names the current `ETag` of the response.',
} as const;

const DESCRIPTION = `Session-cookie authentication, as a browser does it:

1. \`POST /login\` with \`{"email", "password"}\` (JSON or a form). The answer sets the session cookie, the auth-token cookie and the script-readable \`XSRF-TOKEN\` cookie, and carries the CSRF token in its body and in the \`X-CSRF-Token\` header.
2. Send the cookies back with every request. Unsafe requests (POST, PUT, PATCH, DELETE) also send the token as \`X-CSRF-Token\`.
3. A 401 \`session_expired\`: \`POST /api/v1/session/refresh\` with the auth-token cookie renews the session, else sign in again.

Every error has the same body, \`{"error", "message", "code", "details"?}\`: key on \`code\`. Reads answer an \`ETag\` and 304 to \`If-None-Match\`. Requests are rate-limited per IP address and per session (429 with \`Retry-After\`).

The browsable reference is at \`/docs\`; "Try it out" there uses the browser's session (sign in at \`/login\` first).`;

/** The route-schema key of a body a route reads when present but does not require. */
const OPTIONAL_BODY = 'x-optional-body';

/**
 * A body that the document shows but the route does not validate, for a route that reads a
 * field when it is there and takes requests without a body (logout's `_csrf`): spread it into
 * the route's schema. A `body` schema would refuse a request without one.
 *
 * @example
 * schema: { ...optionalBody(LogoutBody), response }
 */
export function optionalBody(schema: TSchema): { [OPTIONAL_BODY]: TSchema } {
  return { [OPTIONAL_BODY]: schema };
}

/** The route-schema key of a body a route reads itself, as a stream, rather than have validated. */
const STREAMED_BODY = 'x-streamed-body';

/**
 * A required body that the document shows but Fastify does not validate, for a route that
 * reads its body as a stream (an upload's multipart parts): spread it into the route's schema
 * with `consumes` naming the media type.
 *
 * @example
 * schema: { consumes: ['multipart/form-data'], ...streamedBody(PhotoUploadForm), response }
 */
export function streamedBody(schema: TSchema): { [STREAMED_BODY]: TSchema } {
  return { [STREAMED_BODY]: schema };
}

/** `/collections/:id` → `/collections/{id}`, as the document names paths. */
function documentPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/**
 * Fills in what every operation needs from its route: security, success descriptions, 304s,
 * and the optional bodies (whose operations it adds to `optional`, to mark them not required).
 */
const transformWith =
  (optional: Set<string>): SwaggerTransform =>
  ({ schema, url, route }) => {
    if (!schema || schema.hide) return { schema, url };
    const method = [route.method].flat()[0] ?? 'GET';
    const {
      [OPTIONAL_BODY]: optionalSchema,
      [STREAMED_BODY]: streamedSchema,
      ...rest
    } = schema as typeof schema & { [OPTIONAL_BODY]?: TSchema; [STREAMED_BODY]?: TSchema };
    if (optionalSchema) optional.add(`${method.toLowerCase()} ${documentPath(url)}`);
    const documentedBody = optionalSchema ?? streamedSchema;
    const response: Record<string, unknown> = {
      ...(schema.response as Record<string, Record<string, unknown>> | undefined),
    };
    for (const [status, value] of Object.entries(response)) {
      const described = value as Record<string, unknown>;
      const phrase = SUCCESS_PHRASES[status];
      if (phrase && described.description === undefined && described.content === undefined) {
        response[status] = { ...described, 'x-response-description': phrase };
      }
    }
    // Reads answered as JSON get an ETag, and so may answer 304 (see etag.ts); a stream does not.
    const ok = response[200] as { content?: unknown } | undefined;
    if (method === 'GET' && ok !== undefined && ok.content === undefined) {
      response[304] = NOT_MODIFIED;
    }
    return {
      schema: {
        ...rest,
        ...(documentedBody ? { body: documentedBody } : {}),
        security: schema.security ?? securityOf(route.config ?? {}, method, url),
        response,
      },
      url,
    };
  };

/** Marks the request bodies of the `optional` operations (`post /logout`) not required. */
function markOptionalBodies(doc: OpenApiDocument, optional: ReadonlySet<string>): void {
  for (const key of optional) {
    const [method = '', path = ''] = key.split(' ');
    const body = (doc.paths[path]?.[method] as { requestBody?: { required?: boolean } })
      ?.requestBody;
    if (body) body.required = false;
  }
}

/** The tags a document's operations use, in {@link TAGS} order. */
function usedTags(doc: OpenApiDocument) {
  const used = new Set(
    Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).flatMap((op) => (op as { tags?: string[] }).tags ?? []),
    ),
  );
  return TAGS.filter((tag) => used.has(tag.name));
}

/** Which API a document describes, and where it is published. */
export interface OpenApiOptions {
  api: 'studio' | 'gallery';
  /** The configured public URL of the API, or null. */
  publicUrl: string | null;
  /** Served over HTTPS: the cookies take the `__Host-` prefix. */
  secure: boolean;
}

/**
 * An OpenAPI 3 document of one API, generated from the same route schemas that validate
 * requests and serialize responses, so it cannot drift from what the server does. Served at
 * `/openapi.json` (outside `/api/v1`, where everything needs a session). Register before the
 * routes: the plugin learns them as they are added. Pages, assets and `GET /login` are hidden.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions) {
  const studio = options.api === 'studio';
  const optional = new Set<string>();
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: studio ? 'Proofsheet Studio API' : 'Proofsheet Gallery API',
        version: '1',
        description: DESCRIPTION,
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      // The public URL when one is configured; else `/`, the host the document came from, which
      // is also where the reference's "Try it out" must send its requests.
      servers: [
        options.publicUrl
          ? { url: options.publicUrl, description: 'This server' }
          : { url: '/', description: 'This server' },
      ],
      components: {
        securitySchemes: securitySchemes(options.secure, options.api === 'gallery'),
        // A TypeBox schema is a JSON schema; openapi-types' SchemaObject only types it narrower.
        schemas: { [ERROR_SCHEMA]: ErrorBody as never },
      },
    },
    // Keep paths as the routes name them, whatever the servers' URLs hold.
    stripBasePath: false,
    transform: transformWith(optional),
    transformObject: (documents) => {
      if (!('openapiObject' in documents)) return documents.swaggerObject;
      const doc = shareErrorResponses(documents.openapiObject as unknown as OpenApiDocument);
      markOptionalBodies(doc, optional);
      dropNestedExamples(doc);
      return { ...doc, tags: usedTags(doc) } as typeof documents.openapiObject;
    },
  });
  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
