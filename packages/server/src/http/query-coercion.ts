/**
 * Query strings and path parameters arrive as text. They are converted to the schema's types
 * here, strictly, instead of by Ajv's coercion, which reads `1e309` as Infinity, `0x10` as 16
 * and ` 5` as 5. A value that is not plainly written stays text, and validation then names it.
 */

type Schema = Record<string, unknown>;

/** A whole number written in decimal, at most 15 digits (so it is exact as a double). */
const INTEGER = /^-?(0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?$/;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON types a property schema accepts (through unions and literals too). */
function acceptedTypes(schema: unknown, into = new Set<string>()): Set<string> {
  if (!isSchema(schema)) return into;
  if (typeof schema.type === 'string') into.add(schema.type);
  if ('const' in schema)
    into.add(typeof schema.const === 'number' ? 'number' : typeof schema.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const b of branches) acceptedTypes(b, into);
  }
  return into;
}

function convert(text: string, types: Set<string>): unknown {
  if (types.has('string')) return text;
  if ((types.has('integer') || types.has('number')) && INTEGER.test(text)) return Number(text);
  if (types.has('number') && DECIMAL.test(text)) return Number(text);
  if (types.has('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * A function that converts, in place, the text values of an object of query or path
 * parameters to the types that `schema` gives each of them.
 */
export function textCoercer(schema: unknown): (data: unknown) => void {
  const properties = isSchema(schema) && isSchema(schema.properties) ? schema.properties : {};
  const plan = Object.entries(properties).map(([name, sub]) => [name, acceptedTypes(sub)] as const);
  return (data) => {
    if (!isSchema(data)) return;
    for (const [name, types] of plan) {
      const value = data[name];
      if (typeof value === 'string') data[name] = convert(value, types);
    }
  };
}
