import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { requestSchemaProblems } from '../../src/http/request-schema-rules.js';
import { schemaCompiler } from '../../src/http/validators.js';

describe('request-schema rules', () => {
  it('name every open object, unbounded number, string and array, at any depth', () => {
    const open = Type.Object({
      a: Type.Object({ b: Type.String() }, { additionalProperties: false }),
      n: Type.Integer(),
      list: Type.Array(Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.String()])),
    });
    assert.deepEqual(requestSchemaProblems(open), [
      '(root): object must set additionalProperties: false',
      '(root).a.b: string must set maxLength',
      '(root).n: number must have a finite minimum and maximum',
      '(root).list: array must set maxItems',
      '(root).list[].anyOf[1]: string must set maxLength',
    ]);
  });

  it('accept a closed, bounded schema, and literals without bounds', () => {
    const closed = Type.Object(
      {
        kind: Type.Union([Type.Literal('a'), Type.Literal(2)]),
        n: Type.Integer({ minimum: 1, maximum: 10 }),
        s: Type.Optional(Type.String({ maxLength: 5 })),
        tags: Type.Array(Type.String({ maxLength: 5 }), { maxItems: 3 }),
      },
      { additionalProperties: false },
    );
    assert.deepEqual(requestSchemaProblems(closed), []);
  });

  it('stop a route with an open body schema from being registered at all', async () => {
    const app = Fastify();
    app.setValidatorCompiler(schemaCompiler());
    app.post('/open', { schema: { body: Type.Object({ x: Type.String() }) } }, async () => 'ok');
    await assert.rejects(async () => {
      await app.ready();
    }, /breaks the request-schema rules/);
  });
});
