/**
 * Paths and query strings for a route: references to live rows of the kind each parameter
 * names, and hostile ones (malformed encodings, over-long or near-miss IDs, repeated and
 * unknown parameters, non-finite and hex numbers).
 */
import fc from 'fast-check';
import type { PathPiece, QueryPiece, Resource } from './fuzz-request.js';
import { jsonText } from './fuzz-request.js';
import {
  HOSTILE_KEYS,
  HOSTILE_PARAMS,
  HOSTILE_QUERY_VALUES,
  RAW_PATH_SEGMENTS,
  RAW_QUERIES,
} from './hostile-values.js';
import type { CatalogRoute, JsonSchema } from './route-catalog.js';
import { validValue } from './schema-arbitrary.js';
import { w } from './weighted.js';

const RESOURCES: readonly Resource[] = [
  'client',
  'notification',
  'collection',
  'gallery',
  'photo',
  'login',
  'asset',
  'favorite_list',
  'comment',
  'share_link',
  'account',
  'user',
  'invitation',
  'passkey',
];

/** What a parameter names, from the path segment before it: `/clients/:id` names a client. */
const RESOURCE_BY_SEGMENT: Readonly<Record<string, Resource>> = {
  clients: 'client',
  notifications: 'notification',
  collections: 'collection',
  galleries: 'gallery',
  photos: 'photo',
  sessions: 'login',
  assets: 'asset',
  favorite_lists: 'favorite_list',
  comments: 'comment',
  share_links: 'share_link',
  collection_defaults: 'account',
  members: 'user',
  invitations: 'invitation',
  passkeys: 'passkey',
};

/** `:id`, or the wildcard of `/assets/*`. */
function isParam(segment: string): boolean {
  return segment.startsWith(':') || segment === '*';
}

function refTo(resource: Resource | undefined): fc.Arbitrary<PathPiece> {
  const own = resource ? fc.constant(resource) : fc.constantFrom(...RESOURCES);
  return fc.record({ ref: own, index: fc.nat({ max: 60 }) });
}

function paramPiece(
  resource: Resource | undefined,
  schema: JsonSchema,
  examples: readonly string[],
): fc.Arbitrary<PathPiece> {
  const asSchemaSays =
    !resource && examples.length > 0
      ? fc.constantFrom(...examples).map((text): PathPiece => ({ text }))
      : validValue(schema).map((v): PathPiece => ({ text: String(v) }));
  const hostile = fc.constantFrom(...HOSTILE_PARAMS).map((text): PathPiece => ({ text }));
  const raw = fc.constantFrom(...RAW_PATH_SEGMENTS).map((text): PathPiece => ({ raw: text }));
  return fc.oneof(
    w(10, refTo(resource)),
    // A live row of another kind: a client ID where a collection's belongs.
    w(1, refTo(undefined)),
    w(1, asSchemaSays),
    w(2, hostile),
    w(1, raw),
  );
}

/**
 * The route's path with references for its parameters; a parameter that names no resource
 * (`/photos/:photoId/:image`) takes one of the document's examples of it when there are any.
 */
export function validPath(route: CatalogRoute): fc.Arbitrary<PathPiece[]> {
  const segments = route.url.split('/');
  return fc.tuple(
    ...segments.map((segment, i): fc.Arbitrary<PathPiece> => {
      if (!isParam(segment)) return fc.constant({ literal: segment });
      const resource = RESOURCE_BY_SEGMENT[segments[i - 1] ?? ''];
      const examples = route.params.find((p) => p.name === segment.slice(1))?.examples ?? [];
      // As a literal: the request is then as valid as one made of references, and counts as
      // reaching its route (a `text` piece marks a hostile one).
      if (!resource && examples.length > 0) {
        return fc.constantFrom(...examples).map((literal): PathPiece => ({ literal }));
      }
      return refTo(resource);
    }),
  );
}

export function hostilePath(route: CatalogRoute): fc.Arbitrary<PathPiece[]> {
  const segments = route.url.split('/');
  const pieces = fc.tuple(
    ...segments.map((segment, i): fc.Arbitrary<PathPiece> => {
      if (!isParam(segment)) return fc.constant({ literal: segment });
      const name = segment === '*' ? '*' : segment.slice(1);
      const param = route.params.find((p) => p.name === name);
      return paramPiece(
        RESOURCE_BY_SEGMENT[segments[i - 1] ?? ''],
        param?.schema ?? {},
        param?.examples ?? [],
      );
    }),
  );
  // Rarely, the shape of the path itself: a trailing or doubled slash, an upper-cased or
  // traversing segment.
  const reshaped = fc
    .tuple(pieces, fc.nat({ max: segments.length }), fc.nat({ max: 3 }))
    .map(([path, at, how]): PathPiece[] => {
      const copy = [...path];
      if (how === 0) copy.push({ literal: '' });
      else if (how === 1) copy.splice(Math.max(1, at), 0, { literal: '' });
      else if (how === 2) {
        const piece = copy[at];
        if (piece && 'literal' in piece) copy[at] = { literal: piece.literal.toUpperCase() };
      } else copy.splice(Math.max(1, at), 0, { raw: '..' });
      return copy;
    });
  return fc.oneof(w(12, pieces), w(1, reshaped));
}

export function asQueryText(value: unknown): string {
  return typeof value === 'string' ? value : jsonText(value);
}

export function validQuery(route: CatalogRoute): fc.Arbitrary<QueryPiece | null> {
  if (!route.query) return fc.constant(null);
  return validValue(route.query).map((v) => ({
    pairs: Object.entries(v as Record<string, unknown>).map(([key, value]) => ({
      key,
      value: asQueryText(value),
    })),
  }));
}

export function hostileQuery(route: CatalogRoute): fc.Arbitrary<QueryPiece | null> {
  const names = Object.keys((route.query?.properties as object | undefined) ?? {});
  const keys = fc.constantFrom(...names, ...HOSTILE_KEYS, 'next', 'reason');
  const bad = fc.record({ key: keys, value: fc.constantFrom(...HOSTILE_QUERY_VALUES) });
  const mutatedPairs = fc
    .tuple(validQuery(route), fc.array(bad, { minLength: 1, maxLength: 3 }))
    .map(([valid, extra]) => {
      const pairs = valid && 'pairs' in valid ? valid.pairs : [];
      // Repeated keys: the same parameter twice, an array where a scalar belongs.
      return { pairs: [...pairs, ...pairs.slice(0, 1), ...extra] };
    });
  const raw = fc.constantFrom(...RAW_QUERIES).map((text): QueryPiece => ({ raw: text }));
  return route.query
    ? fc.oneof(w(6, validQuery(route)), w(3, mutatedPairs), w(1, raw), w(1, fc.constant(null)))
    : fc.oneof(w(12, fc.constant(null)), w(1, raw), w(1, mutatedPairs));
}
