import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { StorageUnavailableError } from '../unavailable.js';

/** The subset of ioredis the stores use: everything else is Lua. */
export type RedisClient = Pick<
  Redis,
  'eval' | 'evalsha' | 'hgetall' | 'set' | 'exists' | 'del' | 'ping'
>;

/** A Lua script and its SHA-1, to run by hash and send the source only when Redis lacks it. */
export interface LuaScript {
  source: string;
  sha: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * Server replies that mean "not now" rather than "wrong command": loading a dump, a busy
 * script, a replica that cannot take writes.
 */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)/;

/**
 * ioredis raises `ReplyError` for an answer from Redis; anything else from a command (closed
 * stream, offline with no queue, command timeout, retries exhausted) means Redis is unreachable.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ReplyError') return TRANSIENT_REPLY.test(error.message);
  return true;
}

/** Runs one Redis call, turning "unreachable" into {@link StorageUnavailableError}. */
export async function redisCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isRedisUnavailable(error) ? new StorageUnavailableError('redis', error) : error;
  }
}

/** Runs a script by hash, loading it on `NOSCRIPT` (after a Redis restart, say). */
export function runScript(
  redis: RedisClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  return redisCall(async () => {
    try {
      return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return redis.eval(script.source, keys.length, ...keys, ...args);
      }
      throw error;
    }
  });
}

export interface RedisConnectOptions {
  /** Longest a command may wait for its answer. @default 2000 */
  commandTimeoutMs?: number;
  /** Longest a connection attempt may take. @default 3000 */
  connectTimeoutMs?: number;
  /** Told about connection errors (ioredis reconnects by itself). */
  onError?: (error: Error) => void;
}

/**
 * Connects to Redis for the session and counter stores. While Redis is down, commands fail at
 * once (no offline queue) or within the command timeout, so requests get 503 instead of
 * waiting; ioredis keeps reconnecting in the background and service resumes by itself.
 */
export async function connectRedis(url: string, options: RedisConnectOptions = {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A write whose answer was lost is not replayed: counting it twice is worse than not at all.
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: options.connectTimeoutMs ?? 3000,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  let lastError: Error | null = null;
  // Unhandled, ioredis reports each failed reconnect on stderr; the owner decides what to log.
  redis.on('error', (error: Error) => {
    lastError = error;
    options.onError?.(error);
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    // connect() only says "Connection is closed."; the error event says why.
    const cause = lastError ?? error;
    throw new StorageUnavailableError('redis', cause);
  }
  return redis;
}

/** Quits politely, or drops the connection if Redis does not answer. */
export async function closeRedis(redis: Pick<Redis, 'quit' | 'disconnect'>): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
