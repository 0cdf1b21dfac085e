import type { Kysely, Selectable } from 'kysely';
import type { EmailChangeRecord, EmailChangeStore } from '../ports/email-change-store.js';
import { tokenRefusal } from '../ports/single-use-token.js';
import { isUniqueViolation } from './errors.js';
import type { Database, PendingEmailChangesTable } from './schema.js';
import { EmailTaken, findUserIn } from './users.js';

function toRecord(row: Selectable<PendingEmailChangesTable>): EmailChangeRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    newEmail: row.new_email,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    usedAt: row.used_at === null ? null : new Date(Number(row.used_at)),
  };
}

/** Pending email changes in SQL, by token hash. */
export function sqlEmailChangeStore(db: Kysely<Database>): EmailChangeStore {
  async function find(
    executor: Kysely<Database>,
    tokenHash: string,
  ): Promise<EmailChangeRecord | null> {
    const row = await executor
      .selectFrom('pending_email_changes')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  return {
    async create(c) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('pending_email_changes')
          .set({ used_at: c.createdAt.getTime() })
          .where('user_id', '=', c.userId)
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('pending_email_changes')
          .values({
            token_hash: c.tokenHash,
            user_id: c.userId,
            new_email: c.newEmail,
            created_at: c.createdAt.getTime(),
            expires_at: c.expiresAt.getTime(),
            used_at: c.usedAt === null ? null : c.usedAt.getTime(),
          })
          .execute();
      });
    },
    find: (tokenHash) => find(db, tokenHash),
    async confirm(tokenHash, now) {
      const at = now.getTime();
      try {
        return await db.transaction().execute(async (trx) => {
          // The conditional update is the gate: of two confirmations, one row changes.
          const row = await trx
            .updateTable('pending_email_changes')
            .set({ used_at: at })
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', at)
            .returningAll()
            .executeTakeFirst();
          if (!row) {
            const reason = tokenRefusal(await find(trx, tokenHash), now) ?? 'used';
            return { ok: false, reason } as const;
          }
          const before = await findUserIn(trx, row.user_id);
          // A removed user's link changes nothing (their key no longer names an address).
          if (!before) return { ok: false, reason: 'unknown' } as const;
          try {
            await trx
              .updateTable('users')
              .set({
                email: row.new_email,
                email_key: row.new_email.toLowerCase(),
                email_verified_at: at,
              })
              .where('id', '=', before.id)
              .execute();
          } catch (error) {
            if (isUniqueViolation(error)) throw new EmailTaken();
            throw error;
          }
          return { ok: true, before, after: { ...before, email: row.new_email } } as const;
        });
      } catch (error) {
        // Rolled back with the token's use: nothing changed, and the link says why.
        if (error instanceof EmailTaken) return { ok: false, reason: 'email_taken' };
        throw error;
      }
    },
    async deleteExpired(before) {
      const result = await db
        .deleteFrom('pending_email_changes')
        .where('expires_at', '<=', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
