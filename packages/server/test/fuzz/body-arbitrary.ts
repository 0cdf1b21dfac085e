/**
 * Bodies for a route: valid values of its schema, the same with one hostile change, sent in
 * other content types and encodings, and bodies that are no JSON at all.
 */
import fc from 'fast-check';
import type { FuzzBody } from './fuzz-request.js';
import { jsonText } from './fuzz-request.js';
import {
  BAD_UTF8,
  HOSTILE_CONTENT_TYPES,
  hostileScalar,
  INVALID_JSON,
  NESTING_DEPTHS,
  nestedJson,
} from './hostile-values.js';
import { uploadBody } from './multipart-arbitrary.js';
import type { CatalogRoute } from './route-catalog.js';
import { type SchemaHints, validValue } from './schema-arbitrary.js';
import { asQueryText } from './url-arbitrary.js';
import { mutated } from './value-mutations.js';
import { w } from './weighted.js';

/** A body and the Content-Type it is sent with (null: none). */
export interface BodyChoice {
  body: FuzzBody;
  contentType: string | null;
}

const JSON_TYPE = 'application/json';

export function json(value: unknown, contentType: string | null = JSON_TYPE): BodyChoice {
  return { body: { kind: 'json', value }, contentType };
}

function text(body: string, contentType: string | null = JSON_TYPE): BodyChoice {
  return { body: { kind: 'text', text: body }, contentType };
}

function formOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return asQueryText(value);
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) form.append(k, asQueryText(v));
  return form.toString();
}

function bytes(buffer: Buffer, contentType: string | null = JSON_TYPE): BodyChoice {
  return { body: { kind: 'bytes', bytes: [...buffer] }, contentType };
}

const MULTIPART =
  '--fuzz\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nAda\r\n--fuzz--\r\n';

/** `value` in the content type `type`, or (for types that are not JSON) as JSON anyway. */
function sentAs(value: unknown, type: string): BodyChoice {
  if (type === 'application/x-www-form-urlencoded') return text(formOf(value), type);
  if (type.startsWith('multipart/')) return text(MULTIPART, type);
  if (type.includes('utf-16')) return bytes(Buffer.from(jsonText(value), 'utf16le'), type);
  return text(jsonText(value), type);
}

/** `value` as JSON with bytes that are not UTF-8 inside its first string (or a string of its own). */
function badlyEncoded(value: unknown, bad: readonly number[]): BodyChoice {
  const asJson = jsonText(value);
  const at = asJson.indexOf(':"');
  if (at === -1)
    return bytes(Buffer.concat([Buffer.from('{"x":"'), Buffer.from(bad), Buffer.from('"}')]));
  return bytes(
    Buffer.concat([
      Buffer.from(asJson.slice(0, at + 2)),
      Buffer.from(bad),
      Buffer.from(asJson.slice(at + 2)),
    ]),
  );
}

/** A valid value sent in a way that is not plain JSON: another type, none, another encoding. */
function otherwiseSent(value: unknown): fc.Arbitrary<BodyChoice> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_CONTENT_TYPES).map((type) => sentAs(value, type)),
    fc.constant(text(jsonText(value), null)),
    fc.constantFrom(...BAD_UTF8).map((bad) => badlyEncoded(value, bad)),
  );
}

const hostileText: fc.Arbitrary<BodyChoice> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...NESTING_DEPTHS),
      fc.constantFrom<'array' | 'object'>('array', 'object'),
      fc.constantFrom(undefined, 'first_name', 'name', 'address_info', 'email'),
    )
    .map(([depth, shape, field]) => text(nestedJson(depth, shape, field))),
  fc.constantFrom(...INVALID_JSON).map((body) => text(body)),
  hostileScalar.map((v) => json(v)),
  // Past the 64 KiB body limit.
  fc.constant(text(`{"notes":"${'x'.repeat(70_000)}"}`)),
  fc.constant(text('')),
);

/** Bodies for `method` on `route`: mostly its schema's values, some changed, some hostile. */
export function bodyFor(
  route: CatalogRoute,
  method: string,
  hints: SchemaHints,
): fc.Arbitrary<BodyChoice> {
  const none = fc.constant<BodyChoice>({ body: { kind: 'none' }, contentType: null });
  if (route.multipart) {
    return fc.oneof(w(8, uploadBody()), w(1, hostileText), w(1, none));
  }
  if (route.body) {
    const valid = validValue(route.body, hints);
    const asIs = valid.map((v) => json(v));
    const changed = valid.chain(mutated).map((v) => json(v));
    return fc.oneof(
      w(6, asIs),
      w(5, changed),
      w(2, valid.chain(otherwiseSent)),
      w(2, hostileText),
      w(1, none),
    );
  }
  const unsafe = method !== 'GET' && method !== 'HEAD';
  return fc.oneof(w(unsafe ? 6 : 12, none), w(1, fc.constant(json({}))), w(1, hostileText));
}
