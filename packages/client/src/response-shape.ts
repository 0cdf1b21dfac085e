/**
 * Checks response bodies against the `protocol` schemas the server answers with, and says in
 * words what does not match: `data.3.email must be string or null (got 42)`. Each schema is
 * compiled once, on first use, with TypeBox's compiler (the same schemas the server uses).
 */
import { FormatRegistry, Kind, type TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';

/** One way a body differs from its schema. */
export interface ShapeProblem {
  /** Dotted path of the field, e.g. `data.3.address_info.country_id`; `''` is the body. */
  readonly field: string;
  /** The same place as a JSON pointer, e.g. `/data/3/address_info/country_id`. */
  readonly pointer: string;
  /** What is wrong, naming the field: `data.3.email must be string or null (got 42)`. */
  readonly message: string;
}

/**
 * A schema a response must match, with the name messages give it.
 *
 * @example
 * const shape = responseSchema('Envelope(Client)', Envelope(Client));
 * shape.problems({ data: {} }); // [{ field: 'data.id', message: 'data.id is missing (must be string)', … }, …]
 */
export interface ResponseSchema {
  /** The name in messages, e.g. `ClientPage` or `Envelope(Client)`. */
  readonly name: string;
  readonly schema: TSchema;
  /** Every problem of `value`, or none when it matches. */
  problems(value: unknown): readonly ShapeProblem[];
}

/**
 * Names a schema for response checks; it is compiled on first use.
 *
 * @example
 * import { Envelope, Gallery } from '@proofsheet/protocol';
 * await client.request('gallery', 'GET', path, { schema: responseSchema('Envelope(Gallery)', Envelope(Gallery)) });
 */
export function responseSchema(name: string, schema: TSchema): ResponseSchema {
  let compiled: TypeCheck<TSchema> | null = null;
  return Object.freeze({
    name,
    schema,
    problems(value: unknown): readonly ShapeProblem[] {
      compiled ??= compile(schema);
      if (compiled.Check(value)) return [];
      return problemsOf(compiled, value);
    },
  });
}

function compile(schema: TSchema): TypeCheck<TSchema> {
  // TypeBox refuses strings of a format it has no checker for, and the protocol's dates carry
  // `format: 'date'`. Register it only if the application has not: the registry is global.
  if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isCalendarDate);
  return TypeCompiler.Compile(schema);
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1;
}

/** Every problem, one per missing field (TypeBox also reports its `undefined` as a bad type). */
function problemsOf(compiled: TypeCheck<TSchema>, value: unknown): ShapeProblem[] {
  const missing = new Set<string>();
  const problems: ShapeProblem[] = [];
  for (const error of compiled.Errors(value)) {
    if (missing.has(error.path)) continue;
    if (error.type === ValueErrorType.ObjectRequiredProperty) missing.add(error.path);
    problems.push(describe(error));
  }
  return problems;
}

/** Turns TypeBox's error into a sentence about the field. */
function describe(error: ValueError): ShapeProblem {
  // A union hides which branch was meant; when the value's kind picks one, report its error.
  const inner = error.type === ValueErrorType.Union ? unionBranchError(error) : null;
  if (inner) return describe(inner);
  const field = dotted(error.path);
  const subject = field === '' ? 'the body' : field;
  const got = `(got ${shown(error.value)})`;
  const s = error.schema as TSchema & Record<string, unknown>;
  let message: string;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      message = `${subject} is missing (must be ${expected(s)})`;
      break;
    case ValueErrorType.ObjectAdditionalProperties:
      message = `${subject} is an unknown field ${got}`;
      break;
    case ValueErrorType.StringPattern:
      message = `${subject} must match ${String(s.pattern)} ${got}`;
      break;
    case ValueErrorType.StringFormat:
      message = `${subject} must be a ${String(s.format)} ${got}`;
      break;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      message = `${subject} must be at least ${String(s.minimum)} ${got}`;
      break;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      message = `${subject} must be at most ${String(s.maximum)} ${got}`;
      break;
    case ValueErrorType.StringMinLength:
    case ValueErrorType.StringMaxLength:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMaximum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.NumberExclusiveMaximum:
    case ValueErrorType.ArrayMinItems:
    case ValueErrorType.ArrayMaxItems:
    case ValueErrorType.ObjectMinProperties:
    case ValueErrorType.ObjectMaxProperties:
      message = `${subject}: ${lowerFirst(error.message)} ${got}`;
      break;
    default:
      message = `${subject} must be ${expected(s)} ${got}`;
  }
  return { field, pointer: error.path, message };
}

/** The error inside the one branch of a union whose kind matches the value, if exactly one does. */
function unionBranchError(error: ValueError): ValueError | null {
  const branches = (error.schema as { anyOf?: TSchema[] }).anyOf ?? [];
  const matching = branches.flatMap((branch, i) => (sameKind(branch, error.value) ? [i] : []));
  if (matching.length !== 1) return null;
  const index = matching[0] as number;
  return error.errors[index]?.First() ?? null;
}

function sameKind(schema: TSchema, value: unknown): boolean {
  switch (schema[Kind]) {
    case 'String':
      return typeof value === 'string';
    case 'Integer':
    case 'Number':
      return typeof value === 'number';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Null':
      return value === null;
    case 'Array':
      return Array.isArray(value);
    case 'Object':
    case 'Record':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return false;
  }
}

/** What a schema expects, in a few words: `string or null`, `one of "client", "lead"`. */
function expected(schema: TSchema): string {
  const s = schema as TSchema & { anyOf?: TSchema[]; const?: unknown };
  if (s[Kind] === 'Union' && s.anyOf) {
    if (s.anyOf.every((b) => b[Kind] === 'Literal')) {
      return `one of ${s.anyOf.map((b) => JSON.stringify((b as { const?: unknown }).const)).join(', ')}`;
    }
    return [...new Set(s.anyOf.map(expected))].join(' or ');
  }
  if (s[Kind] === 'Literal') return JSON.stringify(s.const);
  if (s[Kind] === 'Record') return 'object';
  return String(s[Kind] ?? 'value').toLowerCase();
}

/** `/data/3/email` → `data.3.email` (JSON pointer escapes undone). */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** A short rendering of the offending value: never a whole object, which may be large or private. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
