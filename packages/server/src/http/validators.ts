import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, ...options });
  addFormats.default(ajv, ['email', 'date', 'date-time', 'uri']);
  return ajv;
}

/**
 * Bodies are validated strictly (no coercion: `"first_name": 123` is an error, not "123");
 * query strings and path parameters arrive as text, so they are coerced to the schema's types.
 */
export function schemaCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    return ajv.compile(schema as object);
  };
}
