/**
 * Every route of a built app, learned from the app itself so that a new route is fuzzed the day
 * it is added: the router's own listing (`printRoutes`) says which routes exist, and the OpenAPI
 * document, generated from the schemas that validate requests, says what each one takes.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiKind } from '../../src/app.js';

/** A JSON schema as the OpenAPI document gives it. */
export type JsonSchema = Record<string, unknown>;

/** One method on one path, e.g. `PUT /api/v1/clients/:id`. */
export interface RouteKey {
  method: string;
  /** The router's pattern: `/api/v1/clients/:id`. */
  url: string;
}

export interface CatalogRoute extends RouteKey {
  api: ApiKind;
  /** Path parameter names in order, with their schemas and the examples the document gives. */
  params: ReadonlyArray<{ name: string; schema: JsonSchema; examples: readonly string[] }>;
  /** An object schema of the query parameters, or null when the route documents none. */
  query: JsonSchema | null;
  /** The JSON body schema, or null when the route takes no body. */
  body: JsonSchema | null;
  /** The form of an upload route (`multipart/form-data`), or null. */
  multipart: JsonSchema | null;
  /** False for routes the OpenAPI document leaves out (see `HIDDEN_ROUTES`). */
  documented: boolean;
}

/** `GET /api/v1/clients/:id`: how routes are named in messages and tallies. */
export function routeName(route: RouteKey): string {
  return `${route.method} ${route.url}`;
}

// One line of find-my-way's tree: indentation glyphs, then `label` and `(METHODS)` if it has any.
const TREE_LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

/** Path parameters of a router pattern, a wildcard (`/assets/*`) among them as `*`. */
export function paramNames(url: string): string[] {
  return url
    .split('/')
    .filter((s) => s.startsWith(':') || s === '*')
    .map((s) => (s === '*' ? s : s.slice(1)));
}

/**
 * The routes of `printRoutes()`, whose tree gives each node the part of the path after its
 * parent's (the `commonPrefix: false` form drops wildcard routes). HEAD routes that Fastify
 * adds for every GET and the CORS preflight's `OPTIONS *` are left out: they are not ours.
 */
export function parseRouteTree(tree: string): RouteKey[] {
  const prefixes: string[] = [];
  const routes: RouteKey[] = [];
  for (const line of tree.split('\n')) {
    const match = TREE_LINE.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    // The tree's root has no path of its own when routes start with different characters.
    const label = match[2] === '(empty root node)' ? '' : (match[2] ?? '');
    const url = (depth === 0 ? '' : (prefixes[depth - 1] ?? '')) + label;
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    const methods = (match[3] ?? '').split(',').map((m) => m.trim());
    for (const method of methods) {
      if (method === '' || (method === 'OPTIONS' && (url === '*' || url === '/*'))) continue;
      if (method === 'HEAD' && methods.includes('GET')) continue;
      routes.push({ method, url });
    }
  }
  return routes;
}

/** What the router serves, from its own listing. Call after `ready()`. */
export function registeredRoutes(app: FastifyInstance): RouteKey[] {
  return parseRouteTree(app.printRoutes());
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
  examples?: Record<string, { value?: unknown }>;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
}

/** `/api/v1/clients/{id}` → `/api/v1/clients/:id`; `/assets/{*}` → `/assets/*`. */
function routerPattern(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === '*' ? '*' : `:${name}`,
  );
}

/** The operations the OpenAPI document describes, by route name. */
export function documentedOperations(app: FastifyInstance): Map<string, OpenApiOperation> {
  const doc = app.swagger() as OpenApiDocument;
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      operations.set(
        routeName({ method: method.toUpperCase(), url: routerPattern(path) }),
        operation,
      );
    }
  }
  return operations;
}

/**
 * Routes that the OpenAPI document may leave out, each with why. Every other route must be
 * documented (the catalog test checks it), since the document is where the fuzzer learns what
 * a route takes; these are fuzzed all the same, with hostile input only.
 */
export const HIDDEN_ROUTES: ReadonlyArray<{ matches: RegExp; why: string }> = [
  { matches: /^GET \/openapi\.json$/, why: 'the document itself' },
  {
    matches: /^GET \/login$/,
    why: 'the sign-in page, HTML for browsers: it takes no input the API documents',
  },
  {
    matches: /^GET \/(forgot-password|reset-password)$/,
    why: "the password reset pages, HTML for browsers like the sign-in page (their forms' posts are documented)",
  },
  {
    matches: /^GET \/invitations\/accept$/,
    why: "the page an invitation's link opens, HTML for browsers like the sign-in page (its form's post is documented)",
  },
  {
    matches: /^GET \/(signup|signup\/complete|account\/email\/confirm)$/,
    why: "the sign-up page and the pages a sign-up or email-change link opens, HTML for browsers like the sign-in page (their forms' posts are documented)",
  },
  {
    matches: /^GET \/docs(\/.*)?$/,
    why: "the API reference: Swagger UI's page, its static files and its copy of the document",
  },
  {
    matches: /^GET \/(app\/.*|assets\/.*)?$/,
    why: "the web app's pages and scripts, for browsers",
  },
  {
    matches: /^GET \/(s\/:token|visit)$/,
    why: "a share link's entry page and the visitor's page, HTML for browsers (the entry form's post is documented)",
  },
  {
    matches: /^(POST \/api\/v1\/uploads|(HEAD|PATCH|DELETE) \/api\/v1\/uploads\/:uploadId)$/,
    why: "resumable uploads speak the tus 1.0.0 protocol (its headers, its status codes, raw bytes), which tus's own specification documents; @tus/server answers them, after our guard and an owner check (tests: test/gallery/photos/tus-uploads.contract.ts, on the file store and S3)",
  },
  {
    matches: /^(GET|POST) \/api\/v1\/clients$/,
    why: 'the slash-less alias of /api/v1/clients/, the same handlers; documented once',
  },
  {
    matches: /^GET \/api\/v1\/collections\/:id\/downloads$/,
    why: 'the slash-less alias of /api/v1/collections/{id}/downloads/; documented once',
  },
];

/** Whether the document leaves `name` out on purpose. */
export function isHiddenRoute(name: string): boolean {
  return HIDDEN_ROUTES.some((rule) => rule.matches.test(name));
}

function queryObject(parameters: readonly OpenApiParameter[]): JsonSchema | null {
  const query = parameters.filter((p) => p.in === 'query');
  if (query.length === 0) return null;
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(query.map((p) => [p.name, p.schema ?? {}])),
    required: query.filter((p) => p.required).map((p) => p.name),
  };
}

/** Every route of `app`, with what the OpenAPI document says it takes. */
export async function routeCatalog(app: FastifyInstance, api: ApiKind): Promise<CatalogRoute[]> {
  await app.ready();
  const operations = documentedOperations(app);
  return registeredRoutes(app).map((route) => {
    const operation = operations.get(routeName(route));
    const parameters = operation?.parameters ?? [];
    const names = paramNames(route.url);
    return {
      ...route,
      api,
      params: names.map((name) => {
        const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
        return {
          name,
          schema: parameter?.schema ?? { type: 'string' },
          examples: Object.values(parameter?.examples ?? {}).map((e) => String(e.value)),
        };
      }),
      query: queryObject(parameters),
      body: operation?.requestBody?.content?.['application/json']?.schema ?? null,
      multipart: operation?.requestBody?.content?.['multipart/form-data']?.schema ?? null,
      documented: operation !== undefined,
    };
  });
}
