import type { CounterStore } from '../ports.js';
import { luaScript, type RedisClient, redisCall, runScript } from './redis-client.js';

/** KEYS: counter. ARGV: window ms. A fixed window: the first hit starts it, Redis ends it. */
const INCREMENT = luaScript(`
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`);

/** KEYS: counter. Returns {count, ms left} or an empty list. */
const READ = luaScript(`
local count = redis.call('GET', KEYS[1])
if not count then return {} end
return {tonumber(count), math.max(0, redis.call('PTTL', KEYS[1]))}
`);

function parsePair(reply: unknown): [number, number] | null {
  if (!Array.isArray(reply) || reply.length < 2) return null;
  return [Number(reply[0]), Number(reply[1])];
}

/**
 * Fixed-window counters in Redis, shared by every instance: rate limits and login throttling
 * count across them. Each update is one atomic script, so concurrent hits never lose a count.
 * Windows are TTLs, so `resetAt` counts from the caller's clock.
 */
export function redisCounterStore(
  redis: RedisClient,
  options: { keyPrefix: string },
): CounterStore {
  const keyOf = (key: string) => `${options.keyPrefix}c:${key}`;
  return {
    async increment(key, windowMs, now) {
      const pair = parsePair(await runScript(redis, INCREMENT, [keyOf(key)], [windowMs]));
      const [count, ttl] = pair ?? [1, windowMs];
      return { count, resetAt: new Date(now.getTime() + ttl) };
    },
    async get(key, now) {
      const pair = parsePair(await runScript(redis, READ, [keyOf(key)], []));
      return pair ? { count: pair[0], resetAt: new Date(now.getTime() + pair[1]) } : null;
    },
    async reset(key) {
      await redisCall(() => redis.del(keyOf(key)));
    },
    async mark(key, until, now) {
      const ttl = Math.max(1, until.getTime() - now.getTime());
      await redisCall(() => redis.set(keyOf(key), '1', 'PX', ttl));
    },
    async isMarked(key) {
      return (await redisCall(() => redis.exists(keyOf(key)))) > 0;
    },
  };
}
