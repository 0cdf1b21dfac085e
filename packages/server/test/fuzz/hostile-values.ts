/**
 * The hostile half of the fuzzer: values, keys, bodies, path segments, query strings and
 * content types that a careless server mishandles. Each list says what it aims at.
 */
import fc from 'fast-check';

/**
 * A JSON value written as raw text, for what `JSON.stringify` cannot write: `1e309` parses to
 * Infinity, `-0` and 17-digit integers lose their meaning as doubles.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Numbers JavaScript cannot hold, or holds other than written. */
const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '1e400',
  '-0',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e21',
  '4.9e-324',
  '0.5',
  '1.0000000000000002',
  '1E2',
].map((text) => new RawJson(text));

/** Strings that break text handling: NUL, lone surrogates, number-like and empty text. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1e309',
  ' 5',
  'true',
  'null',
  '__proto__',
  '\u202e\ufeff',
  "'; drop table clients; --",
  '<script>alert(1)</script>',
  '%00',
] as const;

/** Any value where a scalar is expected: the wrong type, the wrong shape, or broken text. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(null, true, false, 0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, -0.5),
  fc.constantFrom([], [1], ['a', 'b'], {}, { value: 1 }),
  // Longer than any maxLength we set, and far longer.
  fc.constantFrom('x'.repeat(10_001), '𝟘'.repeat(5_001)),
);

/**
 * Keys no schema names: unknown fields, prototype pollution (`__proto__`, `constructor`), keys
 * that break dotted paths or text rules.
 */
export const HOSTILE_KEYS = [
  'unknown_field',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'a.b',
  '0',
  '\u0000',
  '\ud800',
  '_csrf',
  'id',
  'account_id',
] as const;

/** Values for the hostile keys, including the shapes that pollute prototypes. */
export const hostileKeyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileScalar,
  fc.constantFrom({ polluted: true }, { prototype: { polluted: true } }),
);

/** `depth` nested arrays or objects as JSON text, optionally under a field of an object. */
export function nestedJson(depth: number, shape: 'array' | 'object', field?: string): string {
  const inner =
    shape === 'array'
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return field === undefined ? inner : `{${JSON.stringify(field)}:${inner}}`;
}

/** Depths around the parser's bound of 32 and far past it, where recursion overflows. */
export const NESTING_DEPTHS = [31, 32, 33, 40, 1000, 5000] as const;

/** Bodies that are not JSON, or JSON that parsers disagree on. */
export const INVALID_JSON = [
  '{',
  '}',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  '[1,2',
  'nul',
  '"unterminated',
  '{} trailing',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '{"a":"\\u00"}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'NaN',
  '-',
  '\u0000',
] as const;

/** Bytes that are not UTF-8 (a stray continuation, an overlong slash, CESU-8 surrogates). */
export const BAD_UTF8: readonly number[][] = [
  [0xff],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe0, 0xa4],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

/** Content types an API should refuse or treat with care. */
export const HOSTILE_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/jsonx',
  'application/json;;',
  'application/xml',
  '',
  'text/html',
] as const;

/**
 * Path segments sent as written (not percent-encoded): malformed encodings, encoded NUL and
 * surrogates, traversal, encoded slashes.
 */
export const RAW_PATH_SEGMENTS = [
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '%ED%A0%80',
  '%C0%AE',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%20',
  '%u0041',
] as const;

/** Path parameters sent percent-encoded: over-long, number-like, near-miss IDs. */
export const HOSTILE_PARAMS = [
  'x'.repeat(101),
  'x'.repeat(5000),
  'x'.repeat(9000),
  '-1',
  '0',
  '1e7',
  '0x10',
  ' 12345678',
  '12345678 ',
  '12345678.0',
  '099999999',
  '9999999',
  '100000000',
  '999999999',
  '1000000000',
  `cl_${'A'.repeat(30)}`,
  `cl_${'A'.repeat(29)}`,
  `nt_${'b'.repeat(30)}`,
  `lg_${'c'.repeat(30)}`,
  `fl_${'d'.repeat(30)}`,
  `pc_${'e'.repeat(30)}`,
  '99999999999',
  'ünïcödé',
  '\u0000',
  'null',
  'undefined',
] as const;

/** Whole query strings sent as written. */
export const RAW_QUERIES = [
  'page=%E0%A4%A',
  '%',
  '&&&',
  '=',
  '=1',
  'page',
  'page=',
  'page=1&page=2',
  'page[]=1',
  'page[a]=1',
  'per_page=1e309',
  'per_page=0x10',
  'per_page=-0',
  'limit=NaN',
  'unread=TRUE',
  'q=%00',
  'q=%ED%A0%80',
  'next=//evil.example',
  'next=https://evil.example/',
  'next=/\\evil.example',
  'reason=expired',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  `q=${'x'.repeat(9000)}`,
] as const;

/** Query values sent percent-encoded in place of a valid one. */
export const HOSTILE_QUERY_VALUES = [
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  ' 5',
  '5 ',
  '+5',
  '05',
  '1e3',
  '99999999999999999999',
  '-1',
  '0',
  '',
  '\u0000',
  'true ',
  'yes',
  'x'.repeat(201),
] as const;

/** Methods beside the route's own: another standard one, or one no route takes. */
export const OTHER_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
] as const;
