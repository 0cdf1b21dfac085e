import type { Role } from '@proofsheet/protocol';
import type { LoginRecord, RotateResult, SessionStore } from '../ports/session-store.js';
import { type RedisClient, redisCall, runScript } from './redis-client.js';
import * as scripts from './session-scripts.js';

export interface RedisSessionStoreOptions {
  /** Prepended to every key, so that several deployments (or test runs) share one Redis. */
  keyPrefix: string;
  /** The session timeouts, to let Redis expire a login once nothing can use it any more. */
  sessionAbsoluteMs: number;
  sessionIdleMs: number;
}

type Fields = Record<string, string>;

function fieldsOf(flat: unknown): Fields | null {
  if (!Array.isArray(flat) || flat.length === 0) return null;
  const out: Fields = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

function toRecord(f: Fields | null): LoginRecord | null {
  if (!f || f.id === undefined) return null;
  const time = (name: string) => new Date(Number(f[name]));
  return {
    id: f.id,
    userId: f.userId ?? '',
    accountId: f.accountId ?? '',
    role: f.role as Role,
    sessionHash: f.sessionHash ?? '',
    sessionCreatedAt: time('sessionCreatedAt'),
    lastSeenAt: time('lastSeenAt'),
    authTokenHash: f.authTokenHash ?? '',
    authTokenExpiresAt: time('authTokenExpiresAt'),
    createdAt: time('createdAt'),
    userAgent: f.userAgent ?? null,
    ip: f.ip ?? null,
  };
}

function toFields(l: LoginRecord): string[] {
  const pairs: [string, string | null][] = [
    ['id', l.id],
    ['userId', l.userId],
    ['accountId', l.accountId],
    ['role', l.role],
    ['sessionHash', l.sessionHash],
    ['sessionCreatedAt', String(l.sessionCreatedAt.getTime())],
    ['lastSeenAt', String(l.lastSeenAt.getTime())],
    ['authTokenHash', l.authTokenHash],
    ['authTokenExpiresAt', String(l.authTokenExpiresAt.getTime())],
    ['createdAt', String(l.createdAt.getTime())],
    ['userAgent', l.userAgent],
    ['ip', l.ip],
  ];
  // A null field is left out of the hash and reads back as null.
  return pairs.flatMap(([k, v]) => (v === null ? [] : [k, v]));
}

/**
 * Sessions in Redis: a hash per login, index keys from the session and auth-token hashes, a set
 * per user. Redis expires a login once both its session and its auth token have ended; the
 * exact idle and absolute timeouts are still checked by `SessionService` on every request, as
 * on SQL. TTLs count from the caller's clock, not Redis's, so that the injected clock rules.
 */
export function redisSessionStore(
  redis: RedisClient,
  options: RedisSessionStoreOptions,
): SessionStore {
  const P = options.keyPrefix;
  const { sessionAbsoluteMs: abs, sessionIdleMs: idle } = options;
  const key = {
    login: (id: string) => `${P}login:${id}`,
    sess: (hash: string) => `${P}sess:${hash}`,
    tok: (hash: string) => `${P}tok:${hash}`,
    retired: (hash: string) => `${P}retired:${hash}`,
    user: (id: string) => `${P}user:${id}`,
  };

  function ttlOf(l: LoginRecord): number {
    const now = Math.max(l.lastSeenAt.getTime(), l.sessionCreatedAt.getTime());
    const sessionEnd = Math.min(l.sessionCreatedAt.getTime() + abs, l.lastSeenAt.getTime() + idle);
    return Math.max(1, Math.max(sessionEnd, l.authTokenExpiresAt.getTime()) - now);
  }

  return {
    async create(l) {
      await runScript(
        redis,
        scripts.CREATE,
        [key.login(l.id), key.sess(l.sessionHash), key.tok(l.authTokenHash), key.user(l.userId)],
        [P, l.id, ttlOf(l), ...toFields(l)],
      );
    },
    async findBySessionHash(sessionHash) {
      const flat = await runScript(redis, scripts.FIND_BY_INDEX, [key.sess(sessionHash)], [P]);
      const login = toRecord(fieldsOf(flat));
      return login?.sessionHash === sessionHash ? login : null;
    },
    async findById(id) {
      const fields = await redisCall(() => redis.hgetall(key.login(id)));
      return toRecord(Object.keys(fields).length > 0 ? fields : null);
    },
    async findByAuthTokenHash(authTokenHash) {
      const flat = await runScript(redis, scripts.FIND_BY_INDEX, [key.tok(authTokenHash)], [P]);
      const login = toRecord(fieldsOf(flat));
      return login?.authTokenHash === authTokenHash ? login : null;
    },
    async touch(id, lastSeenAt) {
      await runScript(
        redis,
        scripts.TOUCH,
        [key.login(id)],
        [P, id, lastSeenAt.getTime(), abs, idle],
      );
    },
    async rotate(authTokenHash, next): Promise<RotateResult> {
      const reply = await runScript(
        redis,
        scripts.ROTATE,
        [key.tok(authTokenHash), key.retired(authTokenHash)],
        [
          P,
          authTokenHash,
          next.sessionHash,
          next.authTokenHash,
          next.authTokenExpiresAt.getTime(),
          next.now.getTime(),
          abs,
          idle,
        ],
      );
      const [kind, first, second] = Array.isArray(reply) ? reply : [];
      if (kind === 'rotated') {
        const login = toRecord(fieldsOf(first));
        if (login) return { kind: 'rotated', login };
      }
      if (kind === 'reused') {
        return {
          kind: 'reused',
          login: toRecord(fieldsOf(second)),
          retiredAt: new Date(Number(first)),
        };
      }
      return { kind: 'unknown' };
    },
    async delete(id) {
      return Number(await runScript(redis, scripts.DELETE, [], [P, id])) > 0;
    },
    async deleteForUser(userId, exceptId) {
      return Number(
        await runScript(redis, scripts.DELETE_FOR_USER, [key.user(userId)], [P, exceptId ?? '']),
      );
    },
    async listForUser(userId) {
      const reply = await runScript(redis, scripts.LIST_FOR_USER, [key.user(userId)], [P]);
      const logins = (Array.isArray(reply) ? reply : [])
        .map((flat) => toRecord(fieldsOf(flat)))
        .filter((l): l is LoginRecord => l !== null);
      return logins.sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
      );
    },
    async deleteExpired() {
      // Redis expires logins and retired tokens itself (see the TTLs above).
      return 0;
    },
  };
}
