/**
 * Regression: a successful login cleared the IP's failure count, so an attacker with any account
 * of their own could spray guesses from one IP and sign in between them, never throttled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, PASSWORD } from '../helpers/harness.js';

const MAX_FAILURES_IP = 5;

describe('a successful login does not reset the per-IP failure count', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({
      loginMaxFailuresIp: MAX_FAILURES_IP,
      loginMaxFailuresAccountIp: 100,
      loginSoftLimitAccount: 1000,
      rateLimitIp: 10_000,
    });
  });
  after(() => h.close());

  const attempt = (email: string, password: string, ip: string) =>
    h.studio.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: ip,
      payload: { email, password },
    });

  it('guesses between sign-ins to an own account still reach the IP limit', async () => {
    const ip = '10.9.0.1';
    const own = h.users.assistant.email;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await attempt(own, PASSWORD, ip)).statusCode);
      statuses.push((await attempt(`victim${i}@example.com`, 'guess', ip)).statusCode);
    }
    const guesses = statuses.filter((s) => s === 401).length;
    // The one attempt allowed past the limit went to a sign-in: it is a guess until verified.
    assert.equal(guesses, MAX_FAILURES_IP, 'every failure counted, none forgotten by a success');
    assert.ok(
      statuses.slice(-4).every((s) => s === 429),
      'then the IP waits',
    );
    const limited = await attempt('victim-next@example.com', 'guess', ip);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'Too Many Requests');
    assert.match(limited.json().message, /Too many failed sign-in attempts/);
    assert.equal((await attempt(own, PASSWORD, ip)).statusCode, 429, 'the IP itself is delayed');
  });

  it('a success still clears its own account+IP count and delay', async () => {
    const ip = '10.9.0.2';
    const email = h.users.owner.email;
    for (let i = 0; i < MAX_FAILURES_IP; i++) await attempt(email, 'typo', ip);
    assert.equal((await attempt(email, PASSWORD, ip)).statusCode, 200);
    const failures = await h.storage.counters.get(`login:fail:pair:${email}:${ip}`, h.clock.now());
    assert.equal(failures, null, 'the pair starts over');
    const ipFailures = await h.storage.counters.get(`login:fail:ip:${ip}`, h.clock.now());
    assert.equal(ipFailures?.count, MAX_FAILURES_IP, 'the IP keeps its failures');
  });
});
