import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import {
  AUDIT_EVENT_TYPE_NAMES,
  AuditEvent,
  AuditEventsQuery,
  AuditEventTypesFilter,
  isAuditEventType,
  parseAuditEventTypes,
} from '../src/index.js';

describe('audit event types', () => {
  it('are dotted lower-case words, each once', () => {
    for (const type of AUDIT_EVENT_TYPE_NAMES) assert.match(type, /^[a-z_]+(\.[a-z_]+)?$/);
    assert.equal(new Set(AUDIT_EVENT_TYPE_NAMES).size, AUDIT_EVENT_TYPE_NAMES.length);
    assert.ok(isAuditEventType('sign_in.failed'));
    assert.ok(!isAuditEventType('toString'), 'not a key of every object');
  });

  it('the type filter takes known types, one or a comma list, and nothing else', () => {
    const ok = (v: string) => Value.Check(AuditEventTypesFilter, v);
    assert.ok(ok('sign_in.failed'));
    assert.ok(ok('sign_in.failed,sign_in.throttled,mfa.failed'));
    for (const bad of ['sign_in', 'sign_inXfailed', 'sign_in.failed,', ',sign_out', 'all', '']) {
      assert.ok(!ok(bad), bad);
    }
  });

  it('parses a filter without repeats; none is every type', () => {
    assert.deepEqual(parseAuditEventTypes('sign_out,sign_in.failed,sign_out'), [
      'sign_out',
      'sign_in.failed',
    ]);
    assert.equal(parseAuditEventTypes(undefined), null);
  });

  it('the query refuses unknown parameters and a user ID of another kind', () => {
    assert.ok(Value.Check(AuditEventsQuery, { since: '2026-03-01T00:00:00Z', page: 2 }));
    assert.ok(!Value.Check(AuditEventsQuery, { actor: 'me' }));
    assert.ok(!Value.Check(AuditEventsQuery, { user_id: 'cl_ABC123DEF456GHI789JKL012MNO345' }));
  });

  it('an event refuses detail fields it does not name: no room for a secret by accident', () => {
    const [example] = AuditEvent.examples as unknown[];
    assert.ok(Value.Check(AuditEvent, example));
    const withPassword = { ...(example as object), detail: { password: 'hunter2' } };
    assert.ok(!Value.Check(AuditEvent, withPassword));
  });
});
