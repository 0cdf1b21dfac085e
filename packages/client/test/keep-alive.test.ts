import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient, MemoryCookieJar } from '../src/index.js';
import { sessionBody } from './helpers/bodies.js';
import { json, scriptedFetch } from './helpers/scripted-fetch.js';

describe('keep-alive', () => {
  test('an idle client touches its session on a timer, and close() stops it', async () => {
    const session = sessionBody();
    const scripted = scriptedFetch(Array.from({ length: 50 }, () => json(200, session)));
    const jar = new MemoryCookieJar();
    await jar.setCookie('session_cookie=s1; Path=/', 'http://studio.test');
    const client = createClient({
      studioUrl: 'http://studio.test',
      galleryUrl: 'http://gallery.test',
      fetch: scripted.fetch,
      cookieJar: jar,
      keepAlive: { intervalMs: 20 },
      validateResponses: true,
    });
    await delay(110);
    client.close();
    const touched = scripted.log.length;
    assert.ok(touched >= 2, `touched ${touched} times`);
    assert.ok(scripted.log.every((r) => r.url === 'http://studio.test/api/v1/session'));
    await delay(60);
    assert.equal(scripted.log.length, touched);
  });
});
