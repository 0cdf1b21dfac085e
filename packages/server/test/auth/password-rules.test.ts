/**
 * New passwords follow NIST SP 800-63B: long enough (the schemas), not common, and not made of
 * the person's or the studio's own details; no composition rules, so a long passphrase passes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { requireStrongPassword } from '../../src/auth/password-rules.js';
import { AppError } from '../../src/http/app-error.js';
import { createHarness, type Harness, loginAs, PASSWORD } from '../helpers/harness.js';

const SAM = {
  email: 'sam.smith@smithphoto.com',
  firstName: 'Sam',
  lastName: 'Smith',
  studioName: 'Smith Photography',
};

function refused(password: string): AppError | null {
  try {
    requireStrongPassword(password, SAM);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

test('common and keyboard passwords are refused, with advice', () => {
  for (const p of ['password1234', 'qwertyuiop', '1234567890', 'iloveyou12']) {
    const error = refused(p);
    assert.ok(error, p);
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /too easy to guess/);
    assert.ok(error.details?.password, 'the field is named');
  }
});

test('passwords made of the person’s or the studio’s details are refused', () => {
  for (const p of ['smithphotography', 'sam.smith@smithphoto.com', 'SmithPhoto2026']) {
    assert.ok(refused(p), p);
  }
});

test('long passphrases pass, with no demand for digits or symbols', () => {
  for (const p of [
    'correct horse battery staple',
    'a much better passphrase',
    'the lake at dawn',
  ]) {
    assert.equal(refused(p), null, p);
  }
});

describe('the rules where a password is set', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('changing the password to a common one is a 422 on new_password, and nothing changes', async () => {
    const me = await loginAs(h, 'assistant');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: me.headers,
      payload: { current_password: PASSWORD, new_password: 'password1234' },
    });
    assert.equal(res.statusCode, 422);
    const body = res.json<{ code: string; details: Record<string, string[]> }>();
    assert.equal(body.code, 'validation_failed');
    assert.ok(body.details.new_password);
    // The old password still signs in: nothing was written.
    await loginAs(h, 'assistant');
  });
});
