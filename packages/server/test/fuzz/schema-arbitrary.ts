/**
 * Values that a JSON schema accepts, as fast-check arbitraries: the valid half of the fuzzer.
 * It honours what our request schemas use (type, bounds, lengths, pattern, format, enum, const,
 * anyOf, nullable, required, uniqueItems, minProperties) and leans on the bounds themselves,
 * where off-by-one bugs live.
 */
import fc from 'fast-check';
import type { JsonSchema } from './route-catalog.js';
import { w } from './weighted.js';

/** Values worth offering besides generated ones: real emails, the users' password. */
export interface SchemaHints {
  /** By string format, e.g. `email`: the users' addresses, so that logins and shares can work. */
  formats?: Readonly<Record<string, readonly string[]>>;
  /** By property name, e.g. `password`. */
  properties?: Readonly<Record<string, readonly unknown[]>>;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function schemas(value: unknown): JsonSchema[] {
  return Array.isArray(value)
    ? value.filter((v): v is JsonSchema => typeof v === 'object' && v !== null)
    : [];
}

/** The length JSON schema counts: code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// Printable text, single code points, mostly ASCII: what real names and notes look like.
const TEXT_UNIT = fc.oneof(
  w(3, fc.constant('grapheme-ascii' as const)),
  w(1, fc.constant('grapheme-composite' as const)),
);

function plainString(min: number, max: number): fc.Arbitrary<string> {
  const general = TEXT_UNIT.chain((unit) => fc.string({ unit, minLength: min, maxLength: max }));
  return fc.oneof(
    w(8, general),
    // The bounds exactly: the longest and the shortest string allowed.
    w(1, fc.constantFrom('é'.repeat(max), 'a'.repeat(min))),
  );
}

const DAY_MS = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1) / DAY_MS, max: Date.UTC(2099, 11, 31) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

function formatted(format: string, hints: SchemaHints): fc.Arbitrary<string> | null {
  const known = hints.formats?.[format] ?? [];
  const offer = (arb: fc.Arbitrary<string>) =>
    known.length > 0 ? fc.oneof(fc.constantFrom(...known), arb) : arb;
  switch (format) {
    case 'email':
      return offer(fc.emailAddress());
    case 'date':
      return offer(isoDate);
    case 'date-time':
      return offer(isoDate.map((d) => `${d}T12:34:56.000Z`));
    case 'uri':
      return offer(fc.webUrl());
    default:
      return known.length > 0 ? fc.constantFrom(...known) : null;
  }
}

function stringValue(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<string> {
  const min = num(schema.minLength) ?? 0;
  const max = num(schema.maxLength) ?? Math.max(min, 40);
  const fits = (s: string) => codePoints(s) >= min && codePoints(s) <= max;
  const format = typeof schema.format === 'string' ? formatted(schema.format, hints) : null;
  if (format) return format.filter(fits);
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern, 'u'), { maxLength: max }).filter(fits);
  }
  return plainString(min, max);
}

function numberValue(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = num(schema.minimum) ?? (integer ? -1_000_000 : -1e6);
  const max = num(schema.maximum) ?? (integer ? 1_000_000 : 1e6);
  const inside = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(w(4, inside), w(1, fc.constantFrom(min, max)));
}

function objectValue(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<unknown> {
  const properties =
    typeof schema.properties === 'object' && schema.properties !== null
      ? (schema.properties as Record<string, JsonSchema>)
      : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties)) model[name] = validValue(sub, hints, name);
  const minProperties = num(schema.minProperties) ?? 0;
  return fc
    .record(model, { requiredKeys: required.filter((k) => k in model) })
    .filter((o) => Object.keys(o).length >= minProperties);
}

function typed(schema: JsonSchema, type: unknown, hints: SchemaHints): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringValue(schema, hints);
    case 'integer':
      return numberValue(schema, true);
    case 'number':
      return numberValue(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items =
        typeof schema.items === 'object' && schema.items !== null
          ? validValue(schema.items as JsonSchema, hints)
          : fc.string();
      const bounds = {
        minLength: num(schema.minItems) ?? 0,
        maxLength: num(schema.maxItems) ?? 10,
      };
      return schema.uniqueItems === true
        ? fc.uniqueArray(items, { ...bounds, selector: (v) => JSON.stringify(v) })
        : fc.array(items, bounds);
    }
    case 'object':
      return objectValue(schema, hints);
    default:
      return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
  }
}

/**
 * Values that `schema` accepts. `name` is the property the schema describes, if any, for the
 * hints by property name.
 */
export function validValue(
  schema: JsonSchema,
  hints: SchemaHints = {},
  name?: string,
): fc.Arbitrary<unknown> {
  const generated = schemaValue(schema, hints);
  const known = name !== undefined ? (hints.properties?.[name] ?? []) : [];
  return known.length > 0 ? fc.oneof(fc.constantFrom(...known), generated) : generated;
}

function schemaValue(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const branches = [...schemas(schema.anyOf), ...schemas(schema.oneOf)];
  if (branches.length > 0) return fc.oneof(...branches.map((b) => schemaValue(b, hints)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const value = fc.oneof(...types.map((t) => typed(schema, t, hints)));
  return schema.nullable === true ? fc.oneof(value, fc.constant(null)) : value;
}
