import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { codeForStatus, ERRORS, errorBody, REASON_PHRASES, reasonPhrase } from '../src/index.js';

describe('error table', () => {
  it('every code has a status with a reason phrase, a message and a description', () => {
    for (const [code, def] of Object.entries(ERRORS)) {
      assert.ok(REASON_PHRASES[def.status], `${code} has a reason phrase`);
      assert.ok(def.message.length > 0, `${code} has a message`);
      assert.ok(def.description.length > 0, `${code} is described`);
    }
  });

  it("the seed's three bodies are exact", () => {
    assert.deepEqual(errorBody('session_expired'), {
      error: 'Unauthorized',
      message: 'Session expired or invalid',
      code: 'session_expired',
    });
    assert.deepEqual(errorBody('forbidden'), {
      error: 'Forbidden',
      message: 'Insufficient permissions',
      code: 'forbidden',
    });
    assert.deepEqual(errorBody('csrf_mismatch'), {
      error: 'Forbidden',
      message: 'CSRF token mismatch',
      code: 'csrf_mismatch',
    });
  });

  it('details appear only when given', () => {
    assert.deepEqual(errorBody('validation_failed', 'Bad', { email: ['is required'] }), {
      error: 'Unprocessable Entity',
      message: 'Bad',
      code: 'validation_failed',
      details: { email: ['is required'] },
    });
    assert.equal('details' in errorBody('not_found'), false);
  });

  it('a status alone maps to its first code, and unknown ones to a generic code', () => {
    assert.equal(codeForStatus(401), 'session_expired');
    assert.equal(codeForStatus(405), 'method_not_allowed');
    assert.equal(codeForStatus(418), 'bad_request');
    assert.equal(codeForStatus(502), 'bad_gateway');
    assert.equal(codeForStatus(507), 'internal');
  });

  it('codes are snake_case and every body carries its code', () => {
    for (const code of Object.keys(ERRORS) as (keyof typeof ERRORS)[]) {
      assert.match(code, /^[a-z]+(_[a-z]+)*$/);
      assert.equal(errorBody(code).code, code);
    }
  });

  it('unknown statuses fall back to "Error"', () => {
    assert.equal(reasonPhrase(418), 'Error');
    assert.equal(reasonPhrase(404), 'Not Found');
  });

  it('every status the server answers with is documented in the README', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    for (const status of new Set(Object.values(ERRORS).map((d) => d.status))) {
      if (status === 500) continue;
      assert.ok(readme.includes(String(status)), `README mentions ${status}`);
    }
  });
});
