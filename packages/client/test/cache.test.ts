import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ResponseCache, resourcePrefix } from '../src/cache.js';
import { clientPage, clientRecord } from './helpers/bodies.js';
import { STUDIO, scriptedClient } from './helpers/scripted-client.js';
import { json, type Step } from './helpers/scripted-fetch.js';

const PAGE = clientPage();

function clientWith(steps: Step[]) {
  return scriptedClient(steps, {}, 'session_cookie=one; Path=/');
}

describe('GET cache', () => {
  test('a cached GET is revalidated with If-None-Match and a 304 serves the cached body', async () => {
    const { client, log } = await clientWith([
      json(200, PAGE, { etag: 'W/"v1"' }),
      new Response(null, { status: 304, headers: { etag: 'W/"v1"' } }),
    ]);
    await client.studio.clients.list();
    const second = await client.studio.clients.list();
    assert.deepEqual(second, PAGE);
    assert.equal(log[1]?.headers['if-none-match'], 'W/"v1"');
  });

  test("entries are keyed by session: another session does not revalidate the first one's", async () => {
    const { client, log, jar } = await clientWith([
      json(200, PAGE, { etag: 'W/"v1"' }),
      json(200, PAGE, { etag: 'W/"v2"' }),
    ]);
    await client.studio.clients.list();
    await jar.setCookie('session_cookie=two; Path=/', STUDIO);
    await client.studio.clients.list();
    assert.equal(log[1]?.headers['if-none-match'], undefined);
  });

  test('a write drops the entries of its resource', async () => {
    const { client, log } = await clientWith([
      json(200, PAGE, { etag: 'W/"v1"' }),
      json(200, { data: clientRecord({ company: 'X' }) }),
      json(200, PAGE, { etag: 'W/"v2"' }),
    ]);
    await client.studio.clients.list();
    await client.studio.clients.update('cl_1', { company: 'X' });
    await client.studio.clients.list();
    assert.equal(log[2]?.headers['if-none-match'], undefined);
  });

  test('identical concurrent GETs share one request', async () => {
    const { client, log } = await clientWith([json(200, PAGE, { etag: 'W/"v1"' })]);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.studio.clients.list()));
    assert.equal(log.length, 1);
    for (const r of results) assert.deepEqual(r, PAGE);
  });

  test('the cache is bounded in entries and bytes, least recently used first', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 10 });
    cache.set('a', { etag: '1', text: 'aaaa', bytes: 4 });
    cache.set('b', { etag: '1', text: 'bbbb', bytes: 4 });
    cache.get('a');
    cache.set('c', { etag: '1', text: 'cc', bytes: 2 });
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a') && cache.get('c'));
    cache.set('d', { etag: '1', text: 'dddddddd', bytes: 8 });
    assert.ok(cache.bytes <= 10 && cache.size <= 2);
    cache.set('huge', { etag: '1', text: 'x'.repeat(11), bytes: 11 });
    assert.equal(cache.get('huge'), undefined);
  });

  test('a write to a nested path invalidates the whole resource collection', () => {
    assert.equal(resourcePrefix('/api/v1/clients/cl_1?x=1'), '/api/v1/clients');
    assert.equal(
      resourcePrefix('/api/v1/collections/12345678/galleries/123456789'),
      '/api/v1/collections',
    );
  });
});
