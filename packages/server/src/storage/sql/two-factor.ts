import type { Kysely, Selectable } from 'kysely';
import type {
  MfaChallengeRecord,
  TotpFactorRecord,
  TwoFactorStore,
} from '../ports/two-factor-store.js';
import type { Database, MfaChallengesTable, TotpFactorsTable } from './schema.js';

function toFactor(row: Selectable<TotpFactorsTable>): TotpFactorRecord {
  return {
    userId: row.user_id,
    sealedSecret: row.sealed_secret,
    createdAt: new Date(Number(row.created_at)),
    confirmedAt: row.confirmed_at === null ? null : new Date(Number(row.confirmed_at)),
    lastSteps: { studio: Number(row.last_studio_step), gallery: Number(row.last_gallery_step) },
  };
}

function toChallenge(row: Selectable<MfaChallengesTable>): MfaChallengeRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    failures: Number(row.failures),
  };
}

/** Second factors in SQL; see {@link TwoFactorStore}. */
export function sqlTwoFactorStore(db: Kysely<Database>): TwoFactorStore {
  async function insertCodes(
    trx: Kysely<Database>,
    userId: string,
    codeHashes: readonly string[],
    now: Date,
  ): Promise<void> {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (codeHashes.length === 0) return;
    await trx
      .insertInto('recovery_codes')
      .values(
        codeHashes.map((hash) => ({
          user_id: userId,
          code_hash: hash,
          created_at: now.getTime(),
          used_at: null,
        })),
      )
      .execute();
  }

  return {
    async findTotp(userId) {
      const row = await db
        .selectFrom('totp_factors')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toFactor(row) : null;
    },
    async startTotp(f) {
      // Insert, or overwrite a pending set-up; a confirmed row matches neither and stays.
      const result = await db
        .insertInto('totp_factors')
        .values({
          user_id: f.userId,
          sealed_secret: f.sealedSecret,
          created_at: f.createdAt.getTime(),
          confirmed_at: null,
          last_studio_step: f.lastSteps.studio,
          last_gallery_step: f.lastSteps.gallery,
        })
        .onConflict((oc) =>
          oc
            .column('user_id')
            .doUpdateSet({
              sealed_secret: f.sealedSecret,
              created_at: f.createdAt.getTime(),
              last_studio_step: f.lastSteps.studio,
              last_gallery_step: f.lastSteps.gallery,
            })
            .where('totp_factors.confirmed_at', 'is', null),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async confirmTotp(userId, step, now, codeHashes) {
      return await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('totp_factors')
          .set({ confirmed_at: now.getTime(), last_studio_step: step, last_gallery_step: step })
          .where('user_id', '=', userId)
          .where('confirmed_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await insertCodes(trx, userId, codeHashes, now);
        return true;
      });
    },
    async useTotpStep(userId, step, audience) {
      const column = audience === 'studio' ? 'last_studio_step' : 'last_gallery_step';
      const result = await db
        .updateTable('totp_factors')
        .set({ [column]: step })
        .where('user_id', '=', userId)
        .where('confirmed_at', 'is not', null)
        .where(column, '<', step)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async removeTotp(userId) {
      return await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
        await trx.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
        const result = await trx
          .deleteFrom('totp_factors')
          .where('user_id', '=', userId)
          .executeTakeFirst();
        return Number(result.numDeletedRows) === 1;
      });
    },
    async replaceRecoveryCodes(userId, codeHashes, now) {
      await db.transaction().execute((trx) => insertCodes(trx, userId, codeHashes, now));
    },
    async useRecoveryCode(userId, codeHash, now) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: now.getTime() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countRecoveryCodes(userId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async createChallenge(c) {
      await db
        .insertInto('mfa_challenges')
        .values({
          token_hash: c.tokenHash,
          user_id: c.userId,
          created_at: c.createdAt.getTime(),
          expires_at: c.expiresAt.getTime(),
          failures: c.failures,
        })
        .execute();
    },
    async findChallenge(tokenHash) {
      const row = await db
        .selectFrom('mfa_challenges')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toChallenge(row) : null;
    },
    async failChallenge(tokenHash) {
      // The increment and its read in one statement: parallel wrong codes all count.
      const row = await db
        .updateTable('mfa_challenges')
        .set((eb) => ({ failures: eb('failures', '+', 1) }))
        .where('token_hash', '=', tokenHash)
        .returning('failures')
        .executeTakeFirst();
      return row ? Number(row.failures) : Number.POSITIVE_INFINITY;
    },
    async consumeChallenge(tokenHash) {
      const result = await db
        .deleteFrom('mfa_challenges')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async deleteChallengesOf(userId) {
      const result = await db
        .deleteFrom('mfa_challenges')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpiredChallenges(before) {
      const result = await db
        .deleteFrom('mfa_challenges')
        .where('expires_at', '<=', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
