import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, login, loginAs, PASSWORD } from '../helpers/harness.js';

describe('password change', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('changing the password revokes every other session and keeps this one', async () => {
    const here = await loginAs(h, 'assistant');
    const elsewhere = await loginAs(h, 'assistant');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: here.headers,
      payload: { current_password: PASSWORD, new_password: 'a much better passphrase' },
    });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().data.revoked_sessions >= 1);
    const other = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: elsewhere.cookie },
    });
    assert.equal(other.statusCode, 401);
    const mine = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: here.cookie },
    });
    assert.equal(mine.statusCode, 200);
    await assert.rejects(login(h.studio, h.users.assistant.email, PASSWORD));
    await login(h.studio, h.users.assistant.email, 'a much better passphrase');
  });

  it('a wrong current password is a 422 on that field', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: creds.headers,
      payload: { current_password: 'nope', new_password: 'another long passphrase' },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(Object.keys(res.json().details), ['current_password']);
  });

  it('a short new password is refused with details', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: creds.headers,
      payload: { current_password: PASSWORD, new_password: 'short' },
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.json().details.new_password);
  });
});
