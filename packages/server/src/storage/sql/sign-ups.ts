import type { Kysely, Selectable, Transaction } from 'kysely';
import type { NewStudio, PendingSignUpRecord, SignUpStore } from '../ports/sign-up-store.js';
import { tokenRefusal } from '../ports/single-use-token.js';
import { accountRow } from './accounts.js';
import type { Database, PendingSignUpsTable } from './schema.js';
import { EmailTaken, findMemberIn, insertUser } from './users.js';

function toRecord(row: Selectable<PendingSignUpsTable>): PendingSignUpRecord {
  return {
    tokenHash: row.token_hash,
    email: row.email,
    studioName: row.studio_name,
    firstName: row.first_name,
    lastName: row.last_name,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    usedAt: row.used_at === null ? null : new Date(Number(row.used_at)),
  };
}

/** Thrown inside the transaction to roll it back: the owner-to-be was removed meanwhile. */
class UserGone extends Error {}

/** Writes the studio and its owner in `trx`; throws {@link EmailTaken} to roll back. */
async function writeStudio(trx: Transaction<Database>, studio: NewStudio): Promise<void> {
  await trx.insertInto('accounts').values(accountRow(studio.account)).execute();
  if (!(await insertUser(trx, studio.owner))) throw new EmailTaken();
}

/** Sign-ups in SQL, tokens by hash; a studio and its owner are made in one transaction. */
export function sqlSignUpStore(db: Kysely<Database>): SignUpStore {
  async function find(
    executor: Kysely<Database>,
    tokenHash: string,
  ): Promise<PendingSignUpRecord | null> {
    const row = await executor
      .selectFrom('pending_sign_ups')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  return {
    async openStudio(account, ownerId, now) {
      try {
        return await db.transaction().execute(async (trx) => {
          await trx.insertInto('accounts').values(accountRow(account)).execute();
          await trx
            .insertInto('memberships')
            .values({
              account_id: account.id,
              user_id: ownerId,
              role: 'owner',
              created_at: now.getTime(),
            })
            .execute();
          const owner = await findMemberIn(trx, account.id, ownerId);
          if (!owner) throw new UserGone();
          return owner;
        });
      } catch (error) {
        if (error instanceof UserGone) return null;
        throw error;
      }
    },
    async create(s) {
      await db
        .insertInto('pending_sign_ups')
        .values({
          token_hash: s.tokenHash,
          email: s.email,
          studio_name: s.studioName,
          first_name: s.firstName,
          last_name: s.lastName,
          created_at: s.createdAt.getTime(),
          expires_at: s.expiresAt.getTime(),
          used_at: s.usedAt === null ? null : s.usedAt.getTime(),
        })
        .execute();
    },
    find: (tokenHash) => find(db, tokenHash),
    async complete(tokenHash, now, make) {
      const at = now.getTime();
      try {
        return await db.transaction().execute(async (trx) => {
          // The conditional update is the gate: of two completions with one token, one row
          // changes; the other waits for this transaction and then finds the token used.
          const row = await trx
            .updateTable('pending_sign_ups')
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
          const studio = make(toRecord(row));
          await writeStudio(trx, studio);
          return { ok: true, ...studio } as const;
        });
      } catch (error) {
        // Rolled back with the token's use: the link still works once the address is free.
        if (error instanceof EmailTaken) return { ok: false, reason: 'email_taken' };
        throw error;
      }
    },
    async createStudio(studio) {
      try {
        await db.transaction().execute((trx) => writeStudio(trx, studio));
        return studio;
      } catch (error) {
        if (error instanceof EmailTaken) return null;
        throw error;
      }
    },
    async deleteExpired(before) {
      const result = await db
        .deleteFrom('pending_sign_ups')
        .where('expires_at', '<=', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
