/**
 * Regression: the throttle was checked before a failure was recorded, so concurrent wrong
 * passwords all passed the check and were all verified. Now each guess is reserved atomically
 * before hashing: however many arrive at once, no more are verified than the limits allow. The
 * count is of verifications the app's real password hasher performed, on memory counters and
 * on Redis counters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SharedServices } from '../../src/app.js';
import type { Config } from '../../src/config/config.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { createHarness, login, PASSWORD } from '../helpers/harness.js';
import { createRedisStudio } from '../helpers/redis-studio.js';
import { redisService } from '../helpers/services.js';

const LIMITS = {
  loginMaxFailuresAccountIp: 3,
  loginMaxFailuresIp: 10,
  loginSoftLimitAccount: 5,
  rateLimitIp: 100_000,
  rateLimitSession: 100_000,
} satisfies Partial<Config>;
const PARALLEL = 60;

interface RaceApp {
  studio: FastifyInstance;
  services: SharedServices;
  users: Record<'owner' | 'assistant', UserRecord>;
  close(): Promise<void>;
}

/** Counts calls to the app's own hasher, which still verifies each through its real hash pool. */
function observeVerifications(services: SharedServices): () => number {
  const hasher = services.passwords;
  const verify = hasher.verify.bind(hasher);
  let count = 0;
  hasher.verify = (hash, password) => {
    count += 1;
    return verify(hash, password);
  };
  return () => count;
}

function describeLoginRaces(name: string, make: () => Promise<RaceApp>, skip: string | false) {
  describe(`concurrent guesses never pass the login throttle: ${name}`, { skip }, () => {
    let app: RaceApp;
    let verifications: () => number;
    before(async () => {
      app = await make();
      verifications = observeVerifications(app.services);
    });
    after(() => app?.close());

    const attempt = (email: string, password: string, ip: string) =>
      app.studio.inject({
        method: 'POST',
        url: '/login',
        remoteAddress: ip,
        payload: { email, password },
      });

    /** Sends `PARALLEL` requests at once; returns their statuses and the hashes they cost. */
    async function burst(send: (i: number) => ReturnType<typeof attempt>) {
      const before = verifications();
      const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => send(i)));
      const statuses = responses.map((r) => r.statusCode);
      const limited = responses.find((r) => r.statusCode === 429);
      if (limited) {
        assert.equal(limited.json().error, 'Too Many Requests');
        assert.ok(Number(limited.headers['retry-after']) >= 1);
      }
      return { statuses, verified: verifications() - before };
    }
    function tally(statuses: number[]): Record<number, number> {
      const counts: Record<number, number> = {};
      for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    }

    it('one account from one IP: the account+IP limit, plus the guess that sets the delay', async () => {
      const { statuses, verified } = await burst(() =>
        attempt(app.users.assistant.email, 'wrong', '10.20.0.1'),
      );
      assert.equal(verified, LIMITS.loginMaxFailuresAccountIp + 1);
      assert.deepEqual(tally(statuses), { 401: verified, 429: PARALLEL - verified });
    });

    it('many accounts from one IP: the IP limit, plus the guess that sets the delay', async () => {
      const { statuses, verified } = await burst((i) =>
        attempt(`sprayed-${i}@example.com`, 'wrong', '10.20.0.2'),
      );
      assert.equal(verified, LIMITS.loginMaxFailuresIp + 1);
      assert.deepEqual(tally(statuses), { 401: verified, 429: PARALLEL - verified });
    });

    it('an account past its soft limit: one guess per unfamiliar IP, a known IP keeps its limit', async () => {
      const email = app.users.owner.email;
      const home = '10.20.1.1';
      assert.equal((await attempt(email, PASSWORD, home)).statusCode, 200, 'home is known');
      for (let i = 0; i <= LIMITS.loginSoftLimitAccount; i++) {
        assert.equal((await attempt(email, 'guess', `10.20.2.${i}`)).statusCode, 401);
      }
      const stranger = await burst(() => attempt(email, 'guess', '10.20.3.1'));
      assert.equal(stranger.verified, 1);
      const known = await burst(() => attempt(email, 'typo', home));
      assert.equal(known.verified, LIMITS.loginMaxFailuresAccountIp + 1);
    });

    it('password changes with wrong current passwords: the same account+IP limit', async () => {
      const creds = await login(app.studio, app.users.assistant.email);
      const { statuses, verified } = await burst(() =>
        app.studio.inject({
          method: 'PUT',
          url: '/api/v1/account/password',
          headers: creds.headers,
          payload: { current_password: 'wrong', new_password: 'a much better passphrase' },
        }),
      );
      assert.equal(verified, LIMITS.loginMaxFailuresAccountIp + 1);
      assert.deepEqual(tally(statuses), { 422: verified, 429: PARALLEL - verified });
    });
  });
}

describeLoginRaces(
  'memory counters',
  async () => {
    const h = await createHarness(LIMITS);
    return { studio: h.studio, services: h.services, users: h.users, close: () => h.close() };
  },
  false,
);

const redis = await redisService();
describeLoginRaces('Redis counters', () => createRedisStudio(redis, LIMITS), redis.skip);

describe('a reserved guess that is never verified is given back', () => {
  it('logins the full hash pool refuses with 503 do not count as failures', async () => {
    const h = await createHarness({ ...LIMITS, hashConcurrency: 1, hashQueue: 0 });
    try {
      const verifications = observeVerifications(h.services);
      const ip = '10.20.9.1';
      const responses = await Promise.all(
        Array.from({ length: 3 }, () =>
          h.studio.inject({
            method: 'POST',
            url: '/login',
            remoteAddress: ip,
            payload: { email: h.users.assistant.email, password: 'wrong' },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [401, 503, 503]);
      assert.equal(verifications(), 3, 'each reached the hasher; its pool hashed one');
      const pair = `login:fail:pair:${h.users.assistant.email}:${ip}`;
      assert.equal((await h.storage.counters.get(pair, h.clock.now()))?.count, 1);
      assert.equal((await h.storage.counters.get(`login:fail:ip:${ip}`, h.clock.now()))?.count, 1);
    } finally {
      await h.close();
    }
  });
});
