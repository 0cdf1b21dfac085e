import type { Static, TSchema } from '@sinclair/typebox';

/**
 * `schema` with `examples`, which the OpenAPI document shows (JSON Schema's `examples`:
 * validators ignore it). Typed by the schema, so an example that no longer fits fails the build.
 *
 * @example
 * const Marked = withExamples(Closed({ marked: Type.Integer() }), [{ marked: 3 }]);
 */
export function withExamples<T extends TSchema>(schema: T, examples: readonly Static<T>[]): T {
  return { ...schema, examples: [...examples] };
}

/** The first example of a schema made with {@link withExamples}, to build bigger examples. */
export function exampleOf<T extends TSchema>(schema: T): Static<T> {
  const examples: unknown = schema.examples;
  if (!Array.isArray(examples) || examples.length === 0) {
    throw new Error('The schema has no examples: give it some with withExamples()');
  }
  return examples[0] as Static<T>;
}

/** Every example of a schema, or none. */
export function examplesOf<T extends TSchema>(schema: T): Static<T>[] {
  const examples: unknown = schema.examples;
  return Array.isArray(examples) ? (examples as Static<T>[]) : [];
}
