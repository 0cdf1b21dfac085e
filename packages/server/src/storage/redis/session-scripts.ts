/**
 * The Lua scripts of the Redis session store. Each runs atomically in Redis, so no update is a
 * read-modify-write race between instances. Keys under the prefix `P` (ARGV[1]):
 *
 * - `login:<id>`: hash of the login's fields
 * - `sess:<session hash>`, `tok:<auth-token hash>`: index keys holding the login id
 * - `user:<user id>`: set of the user's login ids
 * - `retired:<token hash>`: `<login id>|<retired at>|<expires at>`, for reuse detection
 * - `lretired:<id>`: set of the login's retired token hashes, so ending a login ends them too
 *
 * Scripts derive some keys from stored ids, which a Redis Cluster would refuse; Proofsheet
 * targets one Redis (with replicas), where this is allowed.
 */
import { luaScript } from './redis-client.js';

const PRELUDE = `
local P = ARGV[1]

-- How long a login must live: until its session ends (absolute or idle, whichever is first)
-- or its auth token expires, whichever is last. Relative to the caller's clock.
local function login_ttl(created, seen, tokexp, now, abs, idle)
  local session_end = math.min(created + abs, seen + idle)
  return math.max(1, math.max(session_end, tokexp) - now)
end

local function expire_login(id, sess, tok, user, ttl)
  local ms = string.format('%d', ttl)
  redis.call('PEXPIRE', P .. 'login:' .. id, ms)
  redis.call('PEXPIRE', P .. 'sess:' .. sess, ms)
  redis.call('PEXPIRE', P .. 'tok:' .. tok, ms)
  redis.call('PEXPIRE', P .. 'lretired:' .. id, ms)
  -- The user's set lives as long as its longest-lived login.
  local ukey = P .. 'user:' .. user
  if redis.call('PTTL', ukey) < ttl then redis.call('PEXPIRE', ukey, ms) end
end

local function delete_login(id)
  local key = P .. 'login:' .. id
  local h = redis.call('HMGET', key, 'sessionHash', 'authTokenHash', 'userId')
  for _, t in ipairs(redis.call('SMEMBERS', P .. 'lretired:' .. id)) do
    redis.call('DEL', P .. 'retired:' .. t)
  end
  redis.call('DEL', P .. 'lretired:' .. id)
  if not h[1] then return 0 end
  redis.call('DEL', key, P .. 'sess:' .. h[1], P .. 'tok:' .. h[2])
  redis.call('SREM', P .. 'user:' .. h[3], id)
  return 1
end
`;

/** KEYS: login, sess, tok, user. ARGV: P, id, ttl, field/value pairs… */
export const CREATE = luaScript(`${PRELUDE}
if redis.call('EXISTS', KEYS[1], KEYS[2], KEYS[3]) > 0 then
  return redis.error_reply('ERR a login with this id, session or auth token already exists')
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'sessionHash', 'authTokenHash', 'userId')
expire_login(ARGV[2], h[1], h[2], h[3], tonumber(ARGV[3]))
return 1
`);

/** KEYS: an index key (sess or tok). ARGV: P. Returns the login's hash as a flat list. */
export const FIND_BY_INDEX = luaScript(`${PRELUDE}
local id = redis.call('GET', KEYS[1])
if not id then return {} end
return redis.call('HGETALL', P .. 'login:' .. id)
`);

/** KEYS: login. ARGV: P, id, at, absolute ms, idle ms. */
export const TOUCH = luaScript(`${PRELUDE}
local h = redis.call('HMGET', KEYS[1], 'lastSeenAt', 'sessionCreatedAt', 'authTokenExpiresAt',
  'sessionHash', 'authTokenHash', 'userId')
if not h[1] then return 0 end
local at = tonumber(ARGV[3])
-- Never moves the clock back when two instances touch at once.
if tonumber(h[1]) >= at then return 0 end
redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[3])
expire_login(ARGV[2], h[4], h[5], h[6],
  login_ttl(tonumber(h[2]), at, tonumber(h[3]), at, tonumber(ARGV[4]), tonumber(ARGV[5])))
return 1
`);

/**
 * KEYS: tok:<old>, retired:<old>. ARGV: P, old hash, new session hash, new token hash, new
 * token expiry, now, absolute ms, idle ms. Returns {'rotated', hash} | {'reused', retired at,
 * hash} | {'unknown'}.
 */
export const ROTATE = luaScript(`${PRELUDE}
local now = tonumber(ARGV[6])
local id = redis.call('GET', KEYS[1])
if id then
  local key = P .. 'login:' .. id
  local h = redis.call('HMGET', key, 'authTokenHash', 'authTokenExpiresAt', 'sessionHash', 'userId')
  -- The conditional swap is the gate: of two concurrent refreshes with one token, only one
  -- finds it current; the other then finds it retired.
  if h[1] == ARGV[2] and tonumber(h[2]) > now then
    local expires = tonumber(ARGV[5])
    redis.call('DEL', KEYS[1], P .. 'sess:' .. h[3])
    redis.call('HSET', key, 'sessionHash', ARGV[3], 'sessionCreatedAt', ARGV[6],
      'lastSeenAt', ARGV[6], 'authTokenHash', ARGV[4], 'authTokenExpiresAt', ARGV[5])
    redis.call('SET', P .. 'sess:' .. ARGV[3], id)
    redis.call('SET', P .. 'tok:' .. ARGV[4], id)
    redis.call('SET', KEYS[2], id .. '|' .. ARGV[6] .. '|' .. ARGV[5],
      'PX', string.format('%d', math.max(1, expires - now)))
    redis.call('SADD', P .. 'lretired:' .. id, ARGV[2])
    expire_login(id, ARGV[3], ARGV[4], h[4],
      login_ttl(now, now, expires, now, tonumber(ARGV[7]), tonumber(ARGV[8])))
    return {'rotated', redis.call('HGETALL', key)}
  end
end
local retired = redis.call('GET', KEYS[2])
if not retired then return {'unknown'} end
local rid, retired_at, expires_at = string.match(retired, '^(.*)|(%d+)|(%d+)$')
if not rid or tonumber(expires_at) <= now then return {'unknown'} end
return {'reused', retired_at, redis.call('HGETALL', P .. 'login:' .. rid)}
`);

/** ARGV: P, id. Returns 1 if the login existed. */
export const DELETE = luaScript(`${PRELUDE}
return delete_login(ARGV[2])
`);

/** KEYS: user. ARGV: P, id to keep ('' for none). Returns how many ended. */
export const DELETE_FOR_USER = luaScript(`${PRELUDE}
local n = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if id ~= ARGV[2] then
    n = n + delete_login(id)
    redis.call('SREM', KEYS[1], id)
  end
end
return n
`);

/** KEYS: user. ARGV: P. Returns each live login's hash; drops ids whose login expired. */
export const LIST_FOR_USER = luaScript(`${PRELUDE}
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local h = redis.call('HGETALL', P .. 'login:' .. id)
  if #h == 0 then redis.call('SREM', KEYS[1], id) else out[#out + 1] = h end
end
return out
`);
