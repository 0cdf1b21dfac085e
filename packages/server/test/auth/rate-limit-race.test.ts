/**
 * Concurrent requests over a rate limit: each is one atomic increment, so of N at once exactly
 * `max` pass, per IP (with or without a session) and per session, on memory counters and on
 * Redis counters.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/config/config.js';
import type { SessionStore } from '../../src/storage/ports/session-store.js';
import { createHarness, login } from '../helpers/harness.js';
import { createRedisStudio } from '../helpers/redis-studio.js';
import { redisService } from '../helpers/services.js';

const MAX = 10;
const PARALLEL = 40;

interface RaceApp {
  studio: FastifyInstance;
  sessions: SessionStore;
  email: string;
  close(): Promise<void>;
}

function describeRateLimitRaces(
  name: string,
  make: (limits: Partial<Config>) => Promise<RaceApp>,
  skip: string | false,
) {
  describe(`concurrent requests over a rate limit: ${name}`, { skip }, () => {
    const opened: RaceApp[] = [];
    const open = async (limits: Partial<Config>) => {
      const app = await make(limits);
      opened.push(app);
      return app;
    };
    after(() => Promise.all(opened.map((app) => app.close())));

    async function burst(send: () => Promise<LightMyRequestResponse>) {
      const responses = await Promise.all(Array.from({ length: PARALLEL }, send));
      const statuses = responses.map((r) => r.statusCode);
      const limited = responses.filter((r) => r.statusCode === 429);
      assert.equal(limited.length, PARALLEL - MAX, `statuses: ${statuses.join(' ')}`);
      for (const res of limited) {
        assert.equal(res.json().error, 'Too Many Requests');
        assert.equal(res.headers['ratelimit-remaining'], '0');
      }
      return { statuses, limited };
    }

    it(`per IP without a session: exactly ${MAX} pass, and only they cost a session lookup`, async () => {
      const app = await open({ rateLimitIp: MAX });
      let lookups = 0;
      const find = app.sessions.findBySessionHash.bind(app.sessions);
      app.sessions.findBySessionHash = (hash) => {
        lookups += 1;
        return find(hash);
      };
      const { statuses, limited } = await burst(() =>
        app.studio.inject({
          method: 'GET',
          url: '/api/v1/session',
          remoteAddress: '10.40.0.1',
          headers: { cookie: `session_cookie=${randomBytes(32).toString('base64url')}` },
        }),
      );
      assert.equal(statuses.filter((s) => s === 401).length, MAX);
      assert.match(limited[0]?.json().message, /this IP address/);
      assert.equal(lookups, MAX);
    });

    it(`per IP on a public route: exactly ${MAX} pass`, async () => {
      const app = await open({ rateLimitIp: MAX });
      const { statuses } = await burst(() =>
        app.studio.inject({ method: 'GET', url: '/login', remoteAddress: '10.40.0.2' }),
      );
      assert.equal(statuses.filter((s) => s === 200).length, MAX);
    });

    it(`per session: exactly ${MAX} pass`, async () => {
      const app = await open({ rateLimitIp: 100_000, rateLimitSession: MAX });
      const creds = await login(app.studio, app.email);
      const { statuses, limited } = await burst(() =>
        app.studio.inject({
          method: 'GET',
          url: '/api/v1/session',
          headers: { cookie: creds.cookie },
        }),
      );
      assert.equal(statuses.filter((s) => s === 200).length, MAX);
      assert.match(limited[0]?.json().message, /this session/);
    });
  });
}

describeRateLimitRaces(
  'memory counters',
  async (limits) => {
    const h = await createHarness(limits);
    return {
      studio: h.studio,
      sessions: h.storage.sessions,
      email: h.users.owner.email,
      close: () => h.close(),
    };
  },
  false,
);

const redis = await redisService();
describeRateLimitRaces(
  'Redis counters',
  async (limits) => {
    const r = await createRedisStudio(redis, limits);
    return {
      studio: r.studio,
      sessions: r.storage.sessions,
      email: r.users.owner.email,
      close: () => r.close(),
    };
  },
  redis.skip,
);
