/**
 * Requests for a catalog route, valid ones most of the time so that they get past the outer
 * checks into the handlers, and hostile ones in every part: method, path, query, body, content
 * type, CSRF token, cookies, origin.
 */
import fc from 'fast-check';
import { bodyFor, json } from './body-arbitrary.js';
import type { CsrfMode, FuzzRequest, FuzzRole } from './fuzz-request.js';
import { OTHER_METHODS } from './hostile-values.js';
import { validUpload } from './multipart-arbitrary.js';
import { type CatalogRoute, type JsonSchema, routeName } from './route-catalog.js';
import { type SchemaHints, validValue } from './schema-arbitrary.js';
import { hostilePath, hostileQuery, validPath, validQuery } from './url-arbitrary.js';
import { w } from './weighted.js';

const ROLE_CHOICE = fc.oneof(
  w(3, fc.constant<FuzzRole>('owner')),
  w(2, fc.constant<FuzzRole>('assistant')),
  w(2, fc.constant<FuzzRole>('gallery_client')),
  w(1, fc.constant<FuzzRole>('anonymous')),
  w(1, fc.constant<FuzzRole>('visitor')),
);

const CSRF_CHOICE = fc.oneof(
  w(12, fc.constant<CsrfMode>('valid')),
  w(1, fc.constantFrom<CsrfMode>('missing', 'wrong', 'xsrf-header', 'other-role')),
);

const ACCEPT_CHOICE = fc.oneof(
  w(6, fc.constant(null)),
  w(1, fc.constantFrom('application/json', 'text/html', '*/*', 'text/html, application/json')),
);

/** Requests for one route: mostly valid, often hostile somewhere, sometimes everywhere. */
export function requestFor(route: CatalogRoute, hints: SchemaHints): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof(
    w(14, fc.constant(route.method)),
    w(1, fc.constantFrom(...OTHER_METHODS)),
  );
  return method.chain((m) =>
    fc
      .record({
        api: fc.constant(route.api),
        role: ROLE_CHOICE,
        route: fc.constant(routeName(route)),
        method: fc.constant(m),
        path: hostilePath(route),
        query: hostileQuery(route),
        choice: bodyFor(route, m, hints),
        csrf: CSRF_CHOICE,
        accept: ACCEPT_CHOICE,
        crossSite: fc.oneof(w(20, fc.constant(false)), w(1, fc.constant(true))),
        junkCookies: fc.oneof(w(20, fc.constant(false)), w(1, fc.constant(true))),
      })
      .map(({ choice, ...rest }) => ({ ...rest, ...choice })),
  );
}

/** A request the owner (or `role`) could well make to the route: each run starts with these. */
export function validRequestFor(
  route: CatalogRoute,
  hints: SchemaHints,
  role: FuzzRole = 'owner',
): fc.Arbitrary<FuzzRequest> {
  const body = route.multipart
    ? validUpload
    : route.body
      ? validValue(route.body, hints).map((v) => json(v))
      : fc.constant(null);
  return fc.tuple(validPath(route), validQuery(route), body).map(([path, query, choice]) => ({
    api: route.api,
    role,
    route: routeName(route),
    method: route.method,
    path,
    query,
    body: choice?.body ?? { kind: 'none' },
    contentType: choice?.contentType ?? null,
    csrf: 'valid',
    accept: null,
    crossSite: false,
    junkCookies: false,
  }));
}

/** The first field of an object schema that is free text: a string with no format or pattern. */
function freeTextField(schema: JsonSchema): string | undefined {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.keys(properties).find((name) => {
    const p = properties[name];
    return p?.type === 'string' && p.format === undefined && p.pattern === undefined;
  });
}

/**
 * The valid owner request with a NUL in a free-text field, for routes that take a body: text
 * that must be refused before any store is handed it (PostgreSQL would fail on it).
 */
export function poisonedRequestFor(
  route: CatalogRoute,
  hints: SchemaHints,
): fc.Arbitrary<FuzzRequest> | null {
  const field = route.body ? freeTextField(route.body) : undefined;
  if (field === undefined) return null;
  return validRequestFor(route, hints).map((request) => {
    if (request.body.kind !== 'json') return request;
    const value = request.body.value as Record<string, unknown>;
    const text = typeof value[field] === 'string' ? value[field] : 'fuzz';
    return { ...request, body: { kind: 'json', value: { ...value, [field]: `${text}\u0000` } } };
  });
}

/** Requests for any route of the catalog, writes more often than reads: that is where data breaks. */
export function anyRequest(
  routes: readonly CatalogRoute[],
  hints: SchemaHints,
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...routes.map((route) =>
      w(
        route.body || route.multipart ? 3 : route.method === 'GET' ? 1 : 2,
        requestFor(route, hints),
      ),
    ),
  );
}
