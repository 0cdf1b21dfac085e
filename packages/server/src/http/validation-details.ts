import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/**
 * Turns Ajv errors into `{field: [messages]}`, naming fields by dotted path
 * (`address_info.city`) so that a form can show each message beside its field.
 */
export function validationDetails(
  errors: readonly FastifySchemaValidationError[],
): Record<string, string[]> {
  // A Map: field names are the caller's text, and `constructor` or `__proto__` must stay
  // plain keys rather than reach Object.prototype.
  const details = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    const list = details.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    details.set(field, list);
  };
  for (const e of errors) {
    const path = e.instancePath
      .split('/')
      .filter((s) => s !== '')
      .join('.');
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
      add(path ? `${path}.${params.missingProperty}` : params.missingProperty, 'is required');
    } else if (
      e.keyword === 'additionalProperties' &&
      typeof params.additionalProperty === 'string'
    ) {
      const field = path ? `${path}.${params.additionalProperty}` : params.additionalProperty;
      add(field, 'is not a known field');
    } else if (e.keyword === 'minProperties') {
      add(path || 'body', 'must contain at least one field to change');
    } else if (e.keyword === 'format') {
      add(path || 'body', `must be a valid ${String(params.format)}`);
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      // The branch errors beside it say more; keep one summary only if nothing else names it.
      if (
        !errors.some((o) => o !== e && o.instancePath === e.instancePath && o.keyword !== e.keyword)
      ) {
        add(path || 'body', 'has an invalid value');
      }
    } else {
      add(path || 'body', e.message ?? 'is invalid');
    }
  }
  return Object.fromEntries(details);
}
