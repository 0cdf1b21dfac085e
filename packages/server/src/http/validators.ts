import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { textCoercer } from './query-coercion.js';
import { requestSchemaProblems } from './request-schema-rules.js';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    // NaN and Infinity are never numbers of ours.
    strictNumbers: true,
    coerceTypes: false,
    ...options,
  });
  addFormats.default(ajv, ['email', 'date', 'date-time', 'uri']);
  return ajv;
}

/** Thrown at start-up for a route whose request schema breaks the rules. */
export class RequestSchemaError extends Error {
  constructor(part: string, url: string, problems: readonly string[]) {
    super(
      `The ${part} schema of ${url} breaks the request-schema rules:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'RequestSchemaError';
  }
}

/**
 * Bodies are validated strictly (no coercion: `"first_name": 123` is an error, not "123");
 * query strings and path parameters arrive as text and are converted strictly first (see
 * query-coercion.ts). Every request schema must keep the rules of request-schema-rules.ts.
 */
export function schemaCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = makeAjv({});
  return ({ schema, httpPart, url }) => {
    const part = httpPart ?? 'body';
    if (part !== 'headers') {
      const problems = requestSchemaProblems(schema);
      if (problems.length > 0) throw new RequestSchemaError(part, url, problems);
    }
    const validate = ajv.compile(schema as object);
    if (part !== 'querystring' && part !== 'params') return validate;
    const coerce = textCoercer(schema);
    const validator = (data: unknown) => {
      coerce(data);
      const ok = validate(data);
      validator.errors = validate.errors ?? null;
      return ok;
    };
    validator.errors = null as ErrorObject[] | null;
    return validator;
  };
}
