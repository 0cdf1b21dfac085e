import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import * as protocol from '../src/index.js';

// TypeBox refuses a format it has no checker for; these are the protocol's three.
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (v) => /^[^@\s]+@[^@\s]+$/.test(v));
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
// The file of an upload form: any bytes (OpenAPI's way to say "a file").
if (!FormatRegistry.Has('binary')) FormatRegistry.Set('binary', () => true);

function isSchema(value: unknown): value is TSchema {
  return typeof value === 'object' && value !== null && typeof (value as TSchema).type === 'string';
}

const schemas = Object.entries(protocol as Record<string, unknown>).filter(
  (entry): entry is [string, TSchema] => isSchema(entry[1]),
);
const { Collection, Envelope, Gallery, Page } = protocol;

describe('schema examples (what the OpenAPI document shows)', () => {
  it('every example of every exported schema is valid for it', () => {
    let checked = 0;
    for (const [name, schema] of schemas) {
      for (const example of protocol.examplesOf(schema)) {
        const errors = [...Value.Errors(schema, example)].map((e) => `${e.path} ${e.message}`);
        assert.deepEqual(errors, [], `${name}'s example: ${JSON.stringify(example)}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 20, `checked ${checked} examples`);
  });

  it('the bodies and responses of every route have one', () => {
    const without = [
      'LoginBody',
      'LoginResponse',
      'SignedOut',
      'CsrfTokenResponse',
      'CurrentSession',
      'SessionList',
      'RevokedSessions',
      'PasswordChange',
      'PasswordChanged',
      'HealthReport',
      'ClientCreate',
      'ClientUpdate',
      'ClientPage',
      'NotificationList',
      'MarkedCount',
      'CollectionCreate',
      'CollectionUpdate',
      'GalleryCreate',
      'GalleryUpdate',
    ].filter((name) => !schemas.some(([n, s]) => n === name && protocol.examplesOf(s).length > 0));
    assert.deepEqual(without, []);
  });

  it('envelopes and pages build theirs from the item', () => {
    const [collection] = protocol.examplesOf(Collection);
    assert.deepEqual(protocol.examplesOf(Envelope(Collection)), [{ data: collection }]);
    const [page] = protocol.examplesOf(Page(Gallery, '/api/v1/collections/48213907/galleries'));
    assert.equal(page?.meta.total, protocol.examplesOf(Gallery).length);
    assert.equal(page?.meta.links.first, '/api/v1/collections/48213907/galleries?page=1');
    assert.deepEqual(protocol.examplesOf(Page(Gallery)), [], 'no path, no example');
  });
});
