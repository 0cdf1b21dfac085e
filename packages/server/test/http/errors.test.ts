import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('errors', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ bodyLimit: 2048 });
  });
  after(() => h.close());

  it('a body over the limit gets 413 in the seed shape', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: { ...creds.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ current_password: 'x'.repeat(4096), new_password: 'y' }),
    });
    assert.equal(res.statusCode, 413);
    assert.deepEqual(res.json(), {
      error: 'Payload Too Large',
      message: 'Request body is too large',
      code: 'payload_too_large',
    });
  });

  it('a body in an unsupported content type gets 415', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: { ...creds.headers, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error, 'Unsupported Media Type');
  });

  it('malformed JSON gets 400, not 500', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: { ...creds.headers, 'content-type': 'application/json' },
      payload: '{"current_password": ',
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      error: 'Bad Request',
      message: 'The body is not valid JSON',
      code: 'bad_request',
    });
  });

  it('an unknown route of a signed-in client gets a JSON 404', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/nowhere',
      headers: { cookie: creds.cookie },
    });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      error: 'Not Found',
      message: 'No route for GET /api/v1/nowhere',
      code: 'not_found',
    });
  });

  it('a malformed session id is a 400', async () => {
    const creds = await loginAs(h, 'owner');
    const res = await h.studio.inject({
      method: 'DELETE',
      url: '/api/v1/auth/sessions/123',
      headers: creds.headers,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'Bad Request');
  });

  it('an unexpected failure is a generic 500 without a stack trace', async () => {
    const creds = await loginAs(h, 'owner');
    const original = h.storage.sessions.listForUser;
    h.storage.sessions.listForUser = async () => {
      throw new Error('disk on fire at /var/lib/secret');
    };
    try {
      const res = await h.studio.inject({
        method: 'GET',
        url: '/api/v1/auth/sessions',
        headers: { cookie: creds.cookie },
      });
      assert.equal(res.statusCode, 500);
      assert.deepEqual(res.json(), {
        error: 'Internal Server Error',
        message: 'Internal server error',
        code: 'internal',
      });
      assert.doesNotMatch(res.body, /disk on fire|at \//);
    } finally {
      h.storage.sessions.listForUser = original;
    }
  });
});
