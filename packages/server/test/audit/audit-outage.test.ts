/**
 * A security log that cannot be written fails the request it would record (503, as any store
 * outage), never lets the action pass unrecorded; the one exception, a failed sign-in, keeps
 * its answer: written beside the request, its failure cannot tell whether the account exists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StorageUnavailableError } from '../../src/storage/unavailable.js';
import { createHarness, type Harness, PASSWORD } from '../helpers/harness.js';

describe('audit log outage', () => {
  let h: Harness;
  let writes = 0;
  before(async () => {
    h = await createHarness();
    h.storage.auditEvents.record = async () => {
      writes += 1;
      throw new StorageUnavailableError('postgres', new Error('connection refused'));
    };
  });
  after(() => h.close());

  function signIn(email: string, password: string) {
    return h.studio.inject({ method: 'POST', url: '/login', payload: { email, password } });
  }

  it('a sign-in that cannot be recorded is a 503 with the error body, and sets no cookie', async () => {
    const response = await signIn(h.users.owner.email, PASSWORD);
    assert.equal(response.statusCode, 503);
    assert.equal(response.json<{ code: string }>().code, 'service_unavailable');
    assert.ok(response.headers['retry-after']);
    assert.equal(response.headers['set-cookie'], undefined);
    assert.equal(writes, 1);
  });

  it('a failed sign-in is answered 401 alike for a real and an unknown address', async () => {
    const before = writes;
    const real = await signIn(h.users.assistant.email, 'a wrong password, for sure');
    const unknown = await signIn('nobody@example.com', 'a wrong password, for sure');
    await h.services.audit.flush();
    assert.equal(real.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(real.body, unknown.body);
    assert.equal(writes, before + 1, 'the real address was tried, and failed, beside the request');
  });
});
