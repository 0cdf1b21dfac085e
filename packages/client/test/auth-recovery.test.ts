import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorBody } from '@proofsheet/protocol';
import { isAuthError, isHttpError } from '../src/index.js';
import { clientPage, loginBody } from './helpers/bodies.js';
import { scriptedClient } from './helpers/scripted-client.js';
import { json, type Step } from './helpers/scripted-fetch.js';

const UNAUTHORIZED = errorBody('session_expired');
const LOGIN = loginBody('csrf-2');

function setup(steps: Step[], credentials = true) {
  return scriptedClient(steps, {
    cache: false,
    ...(credentials ? { credentials: async () => ({ email: 'a@b.c', password: 'pw' }) } : {}),
  });
}

describe('authentication recovery', () => {
  test('without an auth token, a 401 goes straight to login with the credentials callback', async () => {
    const { client, log } = await setup([
      json(401, UNAUTHORIZED),
      json(200, LOGIN, { 'set-cookie': 'session_cookie=s2; Path=/' }),
      json(200, { data: { marked: 0 } }),
    ]);
    await client.studio.notifications.markAllRead();
    assert.deepEqual(
      log.map((r) => `${r.method} ${new URL(r.url).pathname}`),
      ['POST /api/v1/notifications/read_all', 'POST /login', 'POST /api/v1/notifications/read_all'],
    );
    assert.equal(log[1]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(log[1]?.body, 'email=a%40b.c&password=pw');
    assert.equal(log[2]?.headers['x-csrf-token'], 'csrf-2');
    assert.equal(log[2]?.headers.cookie, 'session_cookie=s2');
  });

  test('a request is retried once for auth: a second 401 is thrown, no loop', async () => {
    const { client, log } = await setup([
      json(401, UNAUTHORIZED),
      json(200, LOGIN, { 'set-cookie': 'session_cookie=s2; Path=/' }),
      json(401, UNAUTHORIZED),
    ]);
    await assert.rejects(
      client.studio.clients.list(),
      (e: unknown) => (e as { status?: number }).status === 401,
    );
    assert.equal(log.length, 3);
  });

  test('refused credentials end in AuthError, not recursion', async () => {
    const { client, log } = await setup([
      json(401, UNAUTHORIZED),
      json(401, errorBody('invalid_credentials')),
    ]);
    await assert.rejects(client.studio.clients.list(), (e: unknown) => {
      assert.ok(isAuthError(e));
      assert.match(e.message, /Login refused.*Invalid email or password/);
      return true;
    });
    assert.equal(log.length, 2);
  });

  test('without credentials, a 401 whose refresh fails throws AuthError naming the request', async () => {
    const scripted = await setup([json(401, UNAUTHORIZED)], false);
    await assert.rejects(scripted.client.studio.clients.get('cl_1'), (e: unknown) => {
      assert.ok(isAuthError(e));
      assert.match(e.message, /GET http:\/\/studio\.test\/api\/v1\/clients\/cl_1/);
      return true;
    });
  });

  test('a 401 with another code is not a session to recover: it is thrown as is', async () => {
    const refused = { ...errorBody('invalid_credentials'), message: 'Session expired or invalid' };
    const { client, log } = await setup([json(401, refused)]);
    await assert.rejects(client.studio.clients.list(), (e: unknown) => {
      assert.ok(isHttpError(e));
      assert.equal(e.code, 'invalid_credentials');
      return true;
    });
    assert.equal(log.length, 1);
  });

  test('a 401 without a code is an unknown error, thrown without a refresh', async () => {
    const { client, log } = await setup([
      json(401, { error: 'Unauthorized', message: 'Session expired or invalid' }),
    ]);
    const withoutCheck = client.extend({ validateResponses: false });
    await assert.rejects(withoutCheck.studio.clients.list(), (e: unknown) => {
      assert.ok(isHttpError(e));
      assert.equal(e.code, null);
      assert.equal(e.status, 401);
      return true;
    });
    assert.equal(log.length, 1);
  });

  test('a 403 csrf_mismatch fetches a new token and retries once, keyed on the code', async () => {
    const { client, log } = await setup([
      json(403, { ...errorBody('csrf_mismatch'), message: 'The token is stale' }),
      json(200, { data: { csrf_token: 'csrf-3' } }),
      json(200, clientPage()),
    ]);
    await client.request('studio', 'POST', '/api/v1/clients/');
    assert.deepEqual(
      log.map((r) => `${r.method} ${new URL(r.url).pathname}`),
      ['POST /api/v1/clients/', 'GET /api/v1/csrf-token', 'POST /api/v1/clients/'],
    );
    assert.equal(log[2]?.headers['x-csrf-token'], 'csrf-3');
  });

  test('a 403 whose message reads like a CSRF mismatch but whose code is forbidden is thrown', async () => {
    const { client, log } = await setup([
      json(403, { ...errorBody('forbidden'), message: 'CSRF token mismatch' }),
    ]);
    await assert.rejects(client.request('studio', 'POST', '/api/v1/clients/'), (e: unknown) => {
      assert.ok(isHttpError(e));
      assert.equal(e.code, 'forbidden');
      return true;
    });
    assert.equal(log.length, 1);
  });
});
