import type { Charge, CounterStore } from '../ports/counter-store.js';
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

/**
 * KEYS: the charges' counters, then their holds. ARGV[1]: JSON of the holds' lengths and, per
 * charge, its window and hold rule with keys as KEYS indexes. Returns {1} when granted, else
 * {0, ms until the latest live hold ends}. One script: the check and the counts are atomic.
 */
const RESERVE = luaScript(`
local spec = cjson.decode(ARGV[1])
local wait = 0
for _, charge in ipairs(spec.charges) do
  if charge.hold then
    local ttl = redis.call('PTTL', KEYS[charge.hold])
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return {0, wait} end
local counts = {}
for i, charge in ipairs(spec.charges) do
  counts[i] = redis.call('INCR', KEYS[i])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], charge.window) end
end
for i, charge in ipairs(spec.charges) do
  if charge.hold then
    local limit = charge.limit
    if charge.tighten and counts[charge.tighten] > charge.over then limit = charge.strict end
    local excess = counts[i] - limit
    if excess > 0 and #spec.holds > 0 then
      redis.call('SET', KEYS[charge.hold], '1', 'PX', spec.holds[math.min(excess, #spec.holds)])
    end
  end
end
return {1}
`);

/** KEYS: counter. Takes one back from a live counter, keeping its window; never below 0. */
const RELEASE = luaScript(`
local count = tonumber(redis.call('GET', KEYS[1]))
if count and count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`);

/** The keys and JSON argument of {@link RESERVE}: charges refer to keys by 1-based index. */
function reserveArguments(
  charges: readonly Charge[],
  holdsMs: readonly number[],
  keyOf: (key: string) => string,
): { keys: string[]; spec: string } {
  const keys = charges.map((charge) => keyOf(charge.key));
  const indexOf = new Map(charges.map((charge, i) => [charge.key, i + 1]));
  const specs = charges.map((charge) => {
    const { hold } = charge;
    if (!hold) return { window: charge.windowMs };
    keys.push(keyOf(hold.key));
    const tightened = hold.tighten ? indexOf.get(hold.tighten.key) : undefined;
    return {
      window: charge.windowMs,
      hold: keys.length,
      limit: hold.limit,
      ...(hold.tighten && tightened
        ? { tighten: tightened, over: hold.tighten.over, strict: hold.tighten.limit }
        : {}),
    };
  });
  return { keys, spec: JSON.stringify({ holds: holdsMs, charges: specs }) };
}

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
    async reserve(charges, holdsMs, now) {
      const { keys, spec } = reserveArguments(charges, holdsMs, keyOf);
      const reply = await runScript(redis, RESERVE, keys, [spec]);
      if (Array.isArray(reply) && Number(reply[0]) === 1) return { granted: true };
      // Anything but a grant refuses: a throttle fails closed.
      const waitMs = Array.isArray(reply) ? Number(reply[1]) || 1 : 1;
      return { granted: false, retryAt: new Date(now.getTime() + waitMs) };
    },
    async release(key) {
      await runScript(redis, RELEASE, [keyOf(key)], []);
    },
  };
}
