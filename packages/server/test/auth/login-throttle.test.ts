import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { delayAfter } from '../../src/auth/login-throttle.js';
import { createHarness, type Harness, PASSWORD } from '../helpers/harness.js';

function throttled(softLimit: number) {
  const ctx = { h: undefined as unknown as Harness };
  before(async () => {
    ctx.h = await createHarness({
      loginMaxFailuresAccountIp: 3,
      loginMaxFailuresIp: 10,
      loginSoftLimitAccount: softLimit,
      rateLimitIp: 10_000,
    });
  });
  after(() => ctx.h.close());
  const attempt = (email: string, password: string, ip: string) =>
    ctx.h.studio.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: ip,
      payload: { email, password },
    });
  return { ctx, attempt };
}

describe('login throttling per IP and per account+IP', () => {
  const { ctx, attempt } = throttled(1000);

  it('delays grow: 1 s, 2 s, 4 s … capped at 15 minutes', () => {
    assert.deepEqual([1, 2, 3, 4].map(delayAfter), [1000, 2000, 4000, 8000]);
    assert.equal(delayAfter(100), 15 * 60_000);
  });

  it('throttles an account+IP pair with growing delays, and a success resets it', async () => {
    const h = ctx.h;
    const email = h.users.assistant.email;
    const ip = '10.1.0.1';
    for (let i = 0; i < 3; i++) assert.equal((await attempt(email, 'wrong', ip)).statusCode, 401);
    assert.equal(
      (await attempt(email, 'wrong', ip)).statusCode,
      401,
      'the 4th failure sets a delay',
    );
    const blocked = await attempt(email, PASSWORD, ip);
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.headers['retry-after'], '1');
    h.clock.advance(1000);
    assert.equal((await attempt(email, 'wrong', ip)).statusCode, 401);
    const longer = await attempt(email, PASSWORD, ip);
    assert.equal(longer.headers['retry-after'], '2', 'the next delay is longer');
    h.clock.advance(2000);
    assert.equal(
      (await attempt(email, PASSWORD, ip)).statusCode,
      200,
      'the real password works after the wait',
    );
    for (let i = 0; i < 3; i++) assert.equal((await attempt(email, 'wrong', ip)).statusCode, 401);
    assert.equal(
      (await attempt(email, 'wrong', ip)).statusCode,
      401,
      'counters were reset by the success',
    );
  });

  it('throttles one IP trying many accounts', async () => {
    const ip = '10.4.0.1';
    for (let i = 0; i < 11; i++) await attempt(`user${i}@example.com`, 'x', ip);
    const res = await attempt('someone-else@example.com', 'x', ip);
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error, 'Too Many Requests');
  });
});

describe('login throttling per account (soft limit)', () => {
  const { ctx, attempt } = throttled(4);

  it('an attacker failing on purpose cannot lock the real user out of a known IP', async () => {
    const email = ctx.h.users.owner.email;
    const home = '10.2.0.1';
    assert.equal(
      (await attempt(email, PASSWORD, home)).statusCode,
      200,
      'the user signs in from home',
    );
    // The attacker fails from many addresses, past the account's soft limit.
    for (let i = 0; i < 8; i++) await attempt(email, 'guess', `10.3.0.${i}`);
    // Past the soft limit, an unfamiliar IP is delayed from its next failure on.
    assert.equal((await attempt(email, 'guess', '10.3.0.0')).statusCode, 401);
    const attackerNext = await attempt(email, 'guess', '10.3.0.0');
    assert.equal(attackerNext.statusCode, 429, 'unfamiliar IPs are slowed');
    assert.equal((await attempt(email, PASSWORD, home)).statusCode, 200, 'home is not');
  });
});
