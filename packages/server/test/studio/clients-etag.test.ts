import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

/** What @fastify/etag (`weak: true`, sha1) gives a body: rendered pages must agree with it. */
function pluginEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64')}"`;
}

describe('client list ETags with rendered pages reused', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  function list(url = '/api/v1/clients/', etag?: string) {
    const headers = etag ? { ...owner.headers, 'if-none-match': etag } : owner.headers;
    return h.studio.inject({ url, headers });
  }

  async function create(firstName: string): Promise<Client> {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/clients/',
      headers: owner.headers,
      payload: { first_name: firstName },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ data: Client }>().data;
  }

  test('a repeated list is the same JSON with the ETag of its body', async () => {
    await create('Ada');
    const first = await list();
    const second = await list();
    assert.equal(first.statusCode, 200);
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(first.headers.etag, pluginEtag(first.body));
    assert.equal(second.headers.etag, first.headers.etag);
    assert.equal(second.headers['cache-control'], 'private, no-cache');
  });

  test('If-None-Match with the current ETag gets 304, for the list and for search', async () => {
    for (const url of ['/api/v1/clients/', '/api/v1/clients/search?q=Ada']) {
      const first = await list(url);
      const again = await list(url, String(first.headers.etag));
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '', url);
    }
  });

  test('a create, an update and a delete each change the ETag; the old one gets 200', async () => {
    const client = await create('Grace');
    let before = await list();
    const writes = [
      () => create('Linus'),
      () =>
        h.studio.inject({
          method: 'PUT',
          url: `/api/v1/clients/${client.id}`,
          headers: owner.headers,
          payload: { first_name: 'Gracie' },
        }),
      () =>
        h.studio.inject({
          method: 'DELETE',
          url: `/api/v1/clients/${client.id}`,
          headers: owner.headers,
        }),
    ];
    for (const write of writes) {
      await write();
      const after = await list(undefined, String(before.headers.etag));
      assert.equal(after.statusCode, 200);
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.equal(after.headers.etag, pluginEtag(after.body));
      before = after;
    }
    assert.ok(!before.body.includes(client.id), 'the deleted client is gone from the page');
  });

  test('pages of different sizes are told apart', async () => {
    const small = await list('/api/v1/clients/?per_page=1');
    const large = await list('/api/v1/clients/?per_page=50');
    assert.equal(small.json<{ data: Client[] }>().data.length, 1);
    assert.ok(large.json<{ data: Client[] }>().data.length > 1);
    assert.notEqual(small.headers.etag, large.headers.etag);
  });
});
