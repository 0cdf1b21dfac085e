import type { Kysely } from 'kysely';
import type { WatermarkRecord, WatermarkStore } from '../ports/watermark-store.js';
import type { Database } from './schema.js';

/** Watermarks in SQL. */
export function sqlWatermarkStore(db: Kysely<Database>): WatermarkStore {
  return {
    async find(accountId) {
      const row = await db
        .selectFrom('watermarks')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        accountId: row.account_id,
        kind: row.kind as WatermarkRecord['kind'],
        text: row.text,
        logoSha256: row.logo_sha256,
        opacity: Number(row.opacity),
        scale: Number(row.scale),
        position: row.position as WatermarkRecord['position'],
        updatedAt: new Date(Number(row.updated_at)),
      };
    },
    async save(r) {
      const values = {
        kind: r.kind,
        text: r.text,
        logo_sha256: r.logoSha256,
        opacity: r.opacity,
        scale: r.scale,
        position: r.position,
        updated_at: r.updatedAt.getTime(),
      };
      await db
        .insertInto('watermarks')
        .values({ account_id: r.accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .execute();
    },
    async isEnabled(accountId, collectionId) {
      const row = await db
        .selectFrom('collection_watermarks')
        .select('enabled')
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId)
        .executeTakeFirst();
      return Number(row?.enabled ?? 0) === 1;
    },
    async setEnabled(accountId, collectionId, enabled) {
      const flag = enabled ? 1 : 0;
      // Only for a collection of the account (the select finds no other), and an existing
      // switch changes only if it is the account's: another studio's ID changes nothing.
      await db
        .insertInto('collection_watermarks')
        .columns(['collection_id', 'account_id', 'enabled'])
        .expression((eb) =>
          eb
            .selectFrom('collections')
            .select((s) => ['id', 'account_id', s.val(flag).as('enabled')])
            .where('id', '=', collectionId)
            .where('account_id', '=', accountId),
        )
        .onConflict((oc) =>
          oc
            .column('collection_id')
            .doUpdateSet({ enabled: flag })
            .where('collection_watermarks.account_id', '=', accountId),
        )
        .execute();
    },
    async findVariant(sourceSha256, markKey) {
      const row = await db
        .selectFrom('watermark_variants')
        .select(['sha256', 'bytes', 'content_type'])
        .where('source_sha256', '=', sourceSha256)
        .where('mark_key', '=', markKey)
        .executeTakeFirst();
      return row
        ? { sha256: row.sha256, bytes: Number(row.bytes), contentType: row.content_type }
        : null;
    },
    async saveVariant(sourceSha256, markKey, v, at) {
      await db
        .insertInto('watermark_variants')
        .values({
          source_sha256: sourceSha256,
          mark_key: markKey,
          sha256: v.sha256,
          bytes: v.bytes,
          content_type: v.contentType,
          created_at: at.getTime(),
        })
        .onConflict((oc) => oc.columns(['source_sha256', 'mark_key']).doNothing())
        .execute();
    },
    async deleteVariant(sourceSha256, markKey) {
      await db
        .deleteFrom('watermark_variants')
        .where('source_sha256', '=', sourceSha256)
        .where('mark_key', '=', markKey)
        .execute();
    },
    async referencedBlobs() {
      const logos = await db
        .selectFrom('watermarks')
        .select('logo_sha256')
        .where('logo_sha256', 'is not', null)
        .execute();
      const variants = await db.selectFrom('watermark_variants').select('sha256').execute();
      return new Set([
        ...logos.flatMap((r) => (r.logo_sha256 ? [r.logo_sha256] : [])),
        ...variants.map((r) => r.sha256),
      ]);
    },
  };
}
