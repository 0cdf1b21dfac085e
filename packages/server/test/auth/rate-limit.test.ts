import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('rate limits', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ rateLimitSession: 5, rateLimitIp: 1000 });
  });
  after(() => h.close());

  it('a session over its limit gets 429 with Retry-After and RateLimit headers', async () => {
    const creds = await loginAs(h, 'owner');
    const get = () =>
      h.studio.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: creds.cookie } });
    for (let i = 0; i < 5; i++) {
      const ok = await get();
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers['ratelimit-limit'], '5');
      assert.equal(ok.headers['ratelimit-remaining'], String(4 - i));
    }
    const limited = await get();
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'Too Many Requests');
    assert.match(limited.json().message, /this session/);
    assert.equal(limited.headers['ratelimit-remaining'], '0');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60);
    h.clock.advance(retryAfter * 1000);
    assert.equal((await get()).statusCode, 200, 'the window resets');
  });

  it('another session of the same user has its own budget', async () => {
    const a = await loginAs(h, 'assistant');
    const b = await loginAs(h, 'assistant');
    for (let i = 0; i < 6; i++) {
      await h.studio.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: { cookie: a.cookie },
      });
    }
    const res = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: b.cookie },
    });
    assert.equal(res.statusCode, 200);
  });
});

describe('rate limits per IP', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ rateLimitIp: 3, trustedProxies: ['127.0.0.1'] });
  });
  after(() => h.close());

  it('counts requests per client IP, even without a session', async () => {
    const hit = (ip: string) =>
      h.studio.inject({ method: 'GET', url: '/healthz', remoteAddress: ip });
    for (let i = 0; i < 3; i++) assert.equal((await hit('10.0.0.1')).statusCode, 200);
    const limited = await hit('10.0.0.1');
    assert.equal(limited.statusCode, 429);
    assert.match(limited.json().message, /this IP address/);
    assert.equal((await hit('10.0.0.2')).statusCode, 200);
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const viaProxy = (forwarded: string) =>
      h.studio.inject({
        method: 'GET',
        url: '/healthz',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwarded },
      });
    for (let i = 0; i < 3; i++) assert.equal((await viaProxy('203.0.113.9')).statusCode, 200);
    assert.equal((await viaProxy('203.0.113.9')).statusCode, 429);
    assert.equal((await viaProxy('203.0.113.10')).statusCode, 200, 'a different forwarded client');

    const spoof = (forwarded: string) =>
      h.studio.inject({
        method: 'GET',
        url: '/healthz',
        remoteAddress: '198.51.100.7',
        headers: { 'x-forwarded-for': forwarded },
      });
    for (let i = 0; i < 3; i++) assert.equal((await spoof(`192.0.2.${i}`)).statusCode, 200);
    assert.equal((await spoof('192.0.2.99')).statusCode, 429, 'spoofed header ignored');
  });
});
