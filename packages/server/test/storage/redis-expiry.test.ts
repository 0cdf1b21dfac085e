/**
 * Redis expires logins itself: every key of a login lives exactly until both its session and
 * its auth token have ended, counted from the caller's clock, and activity extends it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from '../../src/storage/redis/redis-client.js';
import { redisSessionStore } from '../../src/storage/redis/session-store.js';
import { sampleLogin } from '../contracts/session-store.contract.js';
import { redisService, type TestKeyspace } from '../helpers/services.js';

const redis = await redisService();
const MINUTE = 60_000;

describe('Redis session expiry', { skip: redis.skip }, () => {
  let keyspace: TestKeyspace;
  let client: Redis;
  const timeouts = { sessionAbsoluteMs: 12 * 60 * MINUTE, sessionIdleMs: 30 * MINUTE };
  before(async () => {
    keyspace = await redis.createKeyspace();
    client = await connectRedis(redis.url);
  });
  after(async () => {
    await closeRedis(client);
    await keyspace?.drop();
  });

  const ttls = async (
    prefix: string,
    login: { id: string; sessionHash: string; authTokenHash: string },
  ) =>
    Promise.all(
      [`login:${login.id}`, `sess:${login.sessionHash}`, `tok:${login.authTokenHash}`].map((k) =>
        client.pttl(`${prefix}${k}`),
      ),
    );
  const near = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) < 1000, `${actual} ≈ ${expected}`);

  it('a login lives until its auth token expires, when that is later than its session', async () => {
    const store = redisSessionStore(client, { keyPrefix: keyspace.keyPrefix, ...timeouts });
    // A clock far from Redis's own: TTLs count from it, not from wall time.
    const now = new Date('2031-05-01T08:00:00Z');
    const login = sampleLogin('us_ttl1', now, {
      authTokenExpiresAt: new Date(now.getTime() + 24 * 60 * MINUTE),
    });
    await store.create(login);
    for (const ttl of await ttls(keyspace.keyPrefix, login)) near(ttl, 24 * 60 * MINUTE);
  });

  it('a login whose token ends first lives until its idle timeout, and touch extends it', async () => {
    const store = redisSessionStore(client, { keyPrefix: keyspace.keyPrefix, ...timeouts });
    const now = new Date('2031-05-01T08:00:00Z');
    const login = sampleLogin('us_ttl2', now, {
      authTokenExpiresAt: new Date(now.getTime() + 5 * MINUTE),
    });
    await store.create(login);
    for (const ttl of await ttls(keyspace.keyPrefix, login)) near(ttl, 30 * MINUTE);
    await store.touch(login.id, new Date(now.getTime() + 10 * MINUTE));
    // Touched ten minutes later: idle end is 40 minutes after creation, 30 from the touch.
    for (const ttl of await ttls(keyspace.keyPrefix, login)) near(ttl, 30 * MINUTE);
    near(await client.pttl(`${keyspace.keyPrefix}user:us_ttl2`), 30 * MINUTE);
  });

  it('a retired token is kept until the new token would expire, for reuse detection', async () => {
    const store = redisSessionStore(client, { keyPrefix: keyspace.keyPrefix, ...timeouts });
    const now = new Date('2031-05-01T08:00:00Z');
    const login = sampleLogin('us_ttl3', now);
    await store.create(login);
    const expires = new Date(now.getTime() + 48 * 60 * MINUTE);
    await store.rotate(login.authTokenHash, {
      sessionHash: 'b'.repeat(64),
      authTokenHash: 'c'.repeat(64),
      authTokenExpiresAt: expires,
      now,
    });
    near(
      await client.pttl(`${keyspace.keyPrefix}retired:${login.authTokenHash}`),
      48 * 60 * MINUTE,
    );
    near(await client.pttl(`${keyspace.keyPrefix}login:${login.id}`), 48 * 60 * MINUTE);
  });
});
