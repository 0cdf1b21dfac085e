/**
 * Regression: the session was looked up before the per-IP limit was counted, and a request
 * without a valid session got 401 before it was counted, so such requests never met the IP's
 * limit and each cost a session lookup. Now the IP is counted first.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

const IP_LIMIT = 3;

describe('the per-IP rate limit is counted before the session is looked up', () => {
  let h: Harness;
  let lookups = 0;
  before(async () => {
    h = await createHarness({ rateLimitIp: IP_LIMIT, rateLimitSession: 2 });
    const sessions = h.storage.sessions;
    const find = sessions.findBySessionHash.bind(sessions);
    sessions.findBySessionHash = (hash) => {
      lookups += 1;
      return find(hash);
    };
  });
  after(() => h.close());

  const get = (ip: string, cookie?: string) =>
    h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      remoteAddress: ip,
      headers: cookie ? { cookie } : {},
    });
  /** A cookie shaped like a real session ID, so that it costs a lookup. */
  const forged = () => `session_cookie=${randomBytes(32).toString('base64url')}`;

  it('requests without a session count: over the limit they get 429, not 401', async () => {
    for (let i = 0; i < IP_LIMIT; i++) {
      const res = await get('10.30.0.1');
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['ratelimit-remaining'], String(IP_LIMIT - 1 - i));
    }
    const limited = await get('10.30.0.1');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'Too Many Requests');
    assert.match(limited.json().message, /this IP address/);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
  });

  it('once the IP is over its limit, a session cookie costs no lookup', async () => {
    const ip = '10.30.0.2';
    const before = lookups;
    for (let i = 0; i < IP_LIMIT; i++) assert.equal((await get(ip, forged())).statusCode, 401);
    assert.equal(lookups - before, IP_LIMIT);
    for (let i = 0; i < 5; i++) assert.equal((await get(ip, forged())).statusCode, 429);
    assert.equal(lookups - before, IP_LIMIT, 'no lookup past the limit');
  });

  it('a valid session is still limited per session after authentication', async () => {
    const creds = await loginAs(h, 'owner');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`10.30.1.${i}`, creds.cookie)).statusCode);
    assert.deepEqual(statuses, [200, 200, 429]);
    const limited = await get('10.30.1.9', creds.cookie);
    assert.match(limited.json().message, /this session/);
  });
});
