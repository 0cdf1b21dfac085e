import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Bootstrap } from '@proofsheet/protocol';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

let h: Harness;

before(async () => {
  h = await createHarness();
});
after(() => h.close());

test('bootstrap gives the account, the signed-in user, the custom URL and the workspace', async () => {
  const client = await loginAs(h, 'gallery_client');
  const res = await h.gallery.inject({ url: '/api/v1/data/bootstrap', headers: client.headers });
  assert.equal(res.statusCode, 200, res.body);
  const { data } = res.json<{ data: Bootstrap }>();
  assert.deepEqual(Object.keys(data).sort(), ['account', 'custom_url', 'user', 'workspace']);
  assert.equal(data.account.id, h.accountId);
  assert.equal(data.account.name, 'Test Studio');
  assert.equal(data.account.plan, 'pro');
  assert.match(data.account.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  assert.deepEqual(data.user, {
    id: h.users.gallery_client.id,
    email: h.users.gallery_client.email,
    first_name: h.users.gallery_client.firstName,
    last_name: h.users.gallery_client.lastName,
    role: 'gallery_client',
    account_id: h.accountId,
  });
  assert.deepEqual(data.custom_url, {
    subdomain: 'teststudio',
    domain: null,
    url: 'http://localhost:80',
  });
  assert.deepEqual(data.workspace, {
    name: 'Test Studio',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    date_format: 'MM/DD/YYYY',
    watermark_enabled: false,
    default_download: true,
  });
});

test('bootstrap answers every signed-in role with their own profile', async () => {
  for (const role of ['owner', 'assistant'] as const) {
    const creds = await loginAs(h, role, h.gallery);
    const res = await h.gallery.inject({ url: '/api/v1/data/bootstrap', headers: creds.headers });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ data: Bootstrap }>().data.user.role, role);
  }
});

test('bootstrap without a session is 401 with the seed body', async () => {
  const res = await h.gallery.inject({ url: '/api/v1/data/bootstrap' });
  assert.equal(res.statusCode, 401);
  assert.deepEqual(res.json(), {
    error: 'Unauthorized',
    message: 'Session expired or invalid',
    code: 'session_expired',
  });
});
