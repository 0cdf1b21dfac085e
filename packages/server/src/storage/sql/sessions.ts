import type { Role } from '@proofsheet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { LoginRecord, SessionStore } from '../ports/session-store.js';
import type { Database, LoginsTable } from './schema.js';

function toRecord(row: Selectable<LoginsTable>): LoginRecord {
  return {
    id: row.id,
    userId: row.user_id,
    accountId: row.account_id,
    role: row.role as Role,
    sessionHash: row.session_hash,
    sessionCreatedAt: new Date(Number(row.session_created_at)),
    lastSeenAt: new Date(Number(row.last_seen_at)),
    authTokenHash: row.auth_token_hash,
    authTokenExpiresAt: new Date(Number(row.auth_token_expires_at)),
    createdAt: new Date(Number(row.created_at)),
    userAgent: row.user_agent,
    ip: row.ip,
  };
}

/** Sessions (logins) in SQL. */
export function sqlSessionStore(db: Kysely<Database>): SessionStore {
  return {
    async create(l) {
      await db
        .insertInto('logins')
        .values({
          id: l.id,
          user_id: l.userId,
          account_id: l.accountId,
          role: l.role,
          session_hash: l.sessionHash,
          session_created_at: l.sessionCreatedAt.getTime(),
          last_seen_at: l.lastSeenAt.getTime(),
          auth_token_hash: l.authTokenHash,
          auth_token_expires_at: l.authTokenExpiresAt.getTime(),
          created_at: l.createdAt.getTime(),
          user_agent: l.userAgent,
          ip: l.ip,
        })
        .execute();
    },
    async findBySessionHash(sessionHash) {
      const row = await db
        .selectFrom('logins')
        .selectAll()
        .where('session_hash', '=', sessionHash)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findById(id) {
      const row = await db.selectFrom('logins').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findByAuthTokenHash(authTokenHash) {
      const row = await db
        .selectFrom('logins')
        .selectAll()
        .where('auth_token_hash', '=', authTokenHash)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async touch(id, lastSeenAt) {
      const at = lastSeenAt.getTime();
      // Never moves the clock back when two instances touch at once.
      await db
        .updateTable('logins')
        .set({ last_seen_at: at })
        .where('id', '=', id)
        .where('last_seen_at', '<', at)
        .execute();
    },
    async rotate(authTokenHash, next) {
      const now = next.now.getTime();
      return db.transaction().execute(async (trx) => {
        // The conditional update is the gate: of two concurrent refreshes with one token, only
        // one matches the row; the other then finds the token retired.
        const rotated = await trx
          .updateTable('logins')
          .set({
            session_hash: next.sessionHash,
            session_created_at: now,
            last_seen_at: now,
            auth_token_hash: next.authTokenHash,
            auth_token_expires_at: next.authTokenExpiresAt.getTime(),
          })
          .where('auth_token_hash', '=', authTokenHash)
          .where('auth_token_expires_at', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (rotated) {
          await trx
            .insertInto('retired_tokens')
            .values({
              token_hash: authTokenHash,
              login_id: rotated.id,
              retired_at: now,
              expires_at: next.authTokenExpiresAt.getTime(),
            })
            .execute();
          return { kind: 'rotated', login: toRecord(rotated) } as const;
        }
        const retired = await trx
          .selectFrom('retired_tokens')
          .selectAll()
          .where('token_hash', '=', authTokenHash)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (!retired) return { kind: 'unknown' } as const;
        const login = await trx
          .selectFrom('logins')
          .selectAll()
          .where('id', '=', retired.login_id)
          .executeTakeFirst();
        return {
          kind: 'reused',
          login: login ? toRecord(login) : null,
          retiredAt: new Date(Number(retired.retired_at)),
        } as const;
      });
    },
    async delete(id) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('logins').where('id', '=', id).executeTakeFirst();
        await trx.deleteFrom('retired_tokens').where('login_id', '=', id).execute();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async deleteForUser(userId, exceptId) {
      return db.transaction().execute(async (trx) => {
        let query = trx.selectFrom('logins').select('id').where('user_id', '=', userId);
        if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
        const ids = (await query.execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        await trx.deleteFrom('logins').where('id', 'in', ids).execute();
        await trx.deleteFrom('retired_tokens').where('login_id', 'in', ids).execute();
        return ids.length;
      });
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('logins')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toRecord);
    },
    async deleteExpired(now, sessionAbsoluteMs, sessionIdleMs) {
      const t = now.getTime();
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('logins')
          .where('auth_token_expires_at', '<=', t)
          .where((eb) =>
            eb.or([
              eb('session_created_at', '<=', t - sessionAbsoluteMs),
              eb('last_seen_at', '<=', t - sessionIdleMs),
            ]),
          )
          .executeTakeFirst();
        await trx.deleteFrom('retired_tokens').where('expires_at', '<=', t).execute();
        return Number(result.numDeletedRows);
      });
    },
  };
}
