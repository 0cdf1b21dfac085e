import type { OpenApiDocument } from './errors.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deletes `example` from a schema and every schema inside it. */
function dropExamples(schema: unknown): void {
  if (!isObject(schema)) return;
  delete schema.example;
  for (const key of ['items', 'additionalProperties', 'not']) dropExamples(schema[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) dropExamples(sub);
  }
  if (isObject(schema.properties))
    for (const sub of Object.values(schema.properties)) dropExamples(sub);
}

/** The media objects (`content[type]`) of an operation's body and responses. */
function mediaOf(operation: Json): Json[] {
  const containers = [operation.requestBody, ...Object.values(operation.responses ?? {})];
  return containers.flatMap((container) =>
    isObject(container) && isObject(container.content)
      ? Object.values(container.content).filter(isObject)
      : [],
  );
}

/**
 * Where a body or response has its own example, the examples of the schemas inside it go: the
 * protocol gives each item an example (a client), which the whole body's example (a page of
 * clients) already shows. Each example then appears once, and validators that read `id` keys
 * inside examples as schema ids (OpenAPI 3.0 is JSON Schema draft 4) do not find one twice.
 */
export function dropNestedExamples(doc: OpenApiDocument): void {
  for (const operations of Object.values(doc.paths)) {
    for (const operation of Object.values(operations)) {
      for (const media of mediaOf(operation as Json)) {
        if (media.example !== undefined || media.examples !== undefined) dropExamples(media.schema);
      }
    }
  }
}
