import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as protocol from '../src/index.js';

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object schema inside `schema` that would take keys it does not name. */
function openObjects(schema: unknown, path: string, out: string[] = []): string[] {
  if (!isSchema(schema)) return out;
  if (schema.type === 'object') {
    const keyed = isSchema(schema.patternProperties);
    if (schema.additionalProperties !== false && !keyed) out.push(path);
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isSchema(value)) {
      for (const [name, sub] of Object.entries(value)) openObjects(sub, `${path}.${name}`, out);
    } else if (key === 'patternProperties' && isSchema(value)) {
      for (const sub of Object.values(value)) openObjects(sub, `${path}{}`, out);
    } else if (key === 'items' || key === 'not') {
      openObjects(value, `${path}[]`, out);
    } else if (Array.isArray(value)) {
      value.forEach((sub, i) => {
        openObjects(sub, `${path}.${key}[${i}]`, out);
      });
    }
  }
  return out;
}

describe('protocol schemas', () => {
  const schemas = Object.entries(protocol as Record<string, unknown>).filter(
    (entry): entry is [string, Schema] => isSchema(entry[1]) && typeof entry[1].type === 'string',
  );

  it('are found (the audit looks at something)', () => {
    assert.ok(schemas.length >= 20, `found ${schemas.length}`);
  });

  it('close every object, at every depth', () => {
    const open = schemas.flatMap(([name, schema]) => openObjects(schema, name));
    assert.deepEqual(open, []);
  });

  it('the audit itself notices an open nested object', () => {
    const nested = {
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'object' } },
    };
    assert.deepEqual(openObjects(nested, 'x'), ['x.a']);
  });
});
