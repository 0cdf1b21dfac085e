import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

const FORBIDDEN = { error: 'Forbidden', message: 'Insufficient permissions', code: 'forbidden' };

describe('who may do what on the Studio API', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let galleryClient: Credentials;
  let existing: Client;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
    assistant = await loginAs(h, 'assistant');
    // Gallery clients sign in to the Gallery API; the session is the same on both.
    galleryClient = await loginAs(h, 'gallery_client', h.studio);
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: owner.headers,
      payload: { first_name: 'Existing' },
    });
    existing = res.json<{ data: Client }>().data;
  });
  after(() => h.close());

  test('an assistant reads, creates and updates clients', async () => {
    const list = await h.studio.inject({ url: '/api/v1/clients/', headers: assistant.headers });
    assert.equal(list.statusCode, 200);
    const created = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: assistant.headers,
      payload: { first_name: 'By Assistant' },
    });
    assert.equal(created.statusCode, 201);
    const updated = await h.studio.inject({
      method: 'PUT',
      url: `/api/v1/clients/${existing.id}`,
      headers: assistant.headers,
      payload: { notes: 'assistant was here' },
    });
    assert.equal(updated.statusCode, 200);
    const notifications = await h.studio.inject({
      url: '/api/v1/notifications/all',
      headers: assistant.headers,
    });
    assert.equal(notifications.statusCode, 200);
  });

  test('an assistant may not delete a client: 403 with the seed body', async () => {
    const res = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/clients/${existing.id}`,
      headers: assistant.headers,
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), FORBIDDEN);
    const still = await h.studio.inject({
      url: `/api/v1/clients/${existing.id}`,
      headers: owner.headers,
    });
    assert.equal(still.statusCode, 200);
  });

  test('a gallery client gets 403 on every Studio resource', async () => {
    const requests = [
      { method: 'GET', url: '/api/v1/clients/' },
      { method: 'GET', url: '/api/v1/clients' },
      { method: 'GET', url: '/api/v1/clients/search?q=a' },
      { method: 'GET', url: `/api/v1/clients/${existing.id}` },
      { method: 'POST', url: '/api/v1/clients/', payload: { first_name: 'Nope' } },
      { method: 'PUT', url: `/api/v1/clients/${existing.id}`, payload: { first_name: 'Nope' } },
      { method: 'DELETE', url: `/api/v1/clients/${existing.id}` },
      { method: 'GET', url: '/api/v1/notifications/all' },
      { method: 'POST', url: '/api/v1/notifications/read_all' },
    ] as const;
    for (const r of requests) {
      const res = await h.studio.inject({ ...r, headers: galleryClient.headers });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url}`);
      assert.deepEqual(res.json(), FORBIDDEN);
    }
  });

  test('without a session every Studio resource is 401', async () => {
    for (const url of [
      '/api/v1/clients/',
      '/api/v1/clients/search?q=a',
      '/api/v1/notifications/all',
    ]) {
      const res = await h.studio.inject({ url });
      assert.equal(res.statusCode, 401, url);
      assert.deepEqual(res.json(), {
        error: 'Unauthorized',
        message: 'Session expired or invalid',
        code: 'session_expired',
      });
    }
  });

  test('a write without the CSRF token is refused', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: { cookie: owner.cookie },
      payload: { first_name: 'Forged' },
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), {
      error: 'Forbidden',
      message: 'CSRF token mismatch',
      code: 'csrf_mismatch',
    });
  });
});
