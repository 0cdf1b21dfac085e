import type { Kysely } from 'kysely';
import type { CollectionDefaultsStore } from '../ports/collection-defaults-store.js';
import type { Database } from './schema.js';

/** Collection defaults in SQL, one row per account. */
export function sqlCollectionDefaultsStore(db: Kysely<Database>): CollectionDefaultsStore {
  return {
    async find(accountId) {
      const row = await db
        .selectFrom('collection_defaults')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        accountId: row.account_id,
        downloadable: Number(row.downloadable) === 1,
        expiryDays: row.expiry_days === null ? null : Number(row.expiry_days),
        watermark: Number(row.watermark) === 1,
        updatedAt: new Date(Number(row.updated_at)),
      };
    },
    async save(d) {
      const values = {
        downloadable: d.downloadable ? 1 : 0,
        expiry_days: d.expiryDays,
        watermark: d.watermark ? 1 : 0,
        updated_at: d.updatedAt.getTime(),
      };
      await db
        .insertInto('collection_defaults')
        .values({ account_id: d.accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .execute();
    },
  };
}
