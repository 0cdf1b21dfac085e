import type { Kysely, Selectable } from 'kysely';
import type { PasswordResetRecord, PasswordResetStore } from '../ports/password-reset-store.js';
import { tokenRefusal } from '../ports/single-use-token.js';
import type { Database, PasswordResetsTable } from './schema.js';

function toRecord(row: Selectable<PasswordResetsTable>): PasswordResetRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    usedAt: row.used_at === null ? null : new Date(Number(row.used_at)),
  };
}

/** Password reset tokens in SQL, by hash. */
export function sqlPasswordResetStore(db: Kysely<Database>): PasswordResetStore {
  async function find(tokenHash: string): Promise<PasswordResetRecord | null> {
    const row = await db
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }
  return {
    async create(r) {
      await db
        .insertInto('password_resets')
        .values({
          token_hash: r.tokenHash,
          user_id: r.userId,
          created_at: r.createdAt.getTime(),
          expires_at: r.expiresAt.getTime(),
          used_at: r.usedAt === null ? null : r.usedAt.getTime(),
        })
        .execute();
    },
    find,
    async consume(tokenHash, now) {
      // One conditional update: of two requests with one token, only one sees a row change.
      const result = await db
        .updateTable('password_resets')
        .set({ used_at: now.getTime() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.getTime())
        .executeTakeFirst();
      const reset = await find(tokenHash);
      if (Number(result.numUpdatedRows) === 1 && reset) return { ok: true, reset };
      return { ok: false, reason: tokenRefusal(reset, now) ?? 'used' };
    },
    async deleteExpired(before) {
      const result = await db
        .deleteFrom('password_resets')
        .where('expires_at', '<=', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async retireForUser(userId, now) {
      const result = await db
        .updateTable('password_resets')
        .set({ used_at: now.getTime() })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
