/**
 * What every request schema (body, query, path) must say, checked when a route is compiled,
 * so that a route whose schema would let hostile input through cannot even start: every
 * object closed, every number bounded, every string and array of bounded length.
 */

type Schema = Record<string, unknown>;

const BRANCHES = ['anyOf', 'oneOf', 'allOf'] as const;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Each rule a schema breaks, as `path: problem`; empty when it keeps them all. */
export function requestSchemaProblems(schema: unknown, path = '(root)'): string[] {
  if (!isSchema(schema)) return [];
  const problems: string[] = [];
  const fixed = 'const' in schema || 'enum' in schema;
  for (const key of BRANCHES) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      branches.forEach((b, i) => {
        problems.push(...requestSchemaProblems(b, `${path}.${key}[${i}]`));
      });
    }
  }
  switch (schema.type) {
    case 'object': {
      if (schema.additionalProperties !== false) {
        problems.push(`${path}: object must set additionalProperties: false`);
      }
      const properties = isSchema(schema.properties) ? schema.properties : {};
      for (const [name, sub] of Object.entries(properties)) {
        problems.push(...requestSchemaProblems(sub, `${path}.${name}`));
      }
      break;
    }
    case 'integer':
    case 'number':
      if (!fixed && !(finite(schema.minimum) && finite(schema.maximum))) {
        problems.push(`${path}: number must have a finite minimum and maximum`);
      }
      break;
    case 'string':
      if (!fixed && !finite(schema.maxLength)) problems.push(`${path}: string must set maxLength`);
      break;
    case 'array':
      if (!finite(schema.maxItems)) problems.push(`${path}: array must set maxItems`);
      problems.push(...requestSchemaProblems(schema.items, `${path}[]`));
      break;
    default:
      break;
  }
  return problems;
}
