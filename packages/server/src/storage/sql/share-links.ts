import type { ShareDownloads } from '@proofsheet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type {
  ShareLinkRecord,
  ShareLinkStore,
  ShareLinkSummary,
} from '../ports/share-link-store.js';
import { isUniqueViolation } from './errors.js';
import type { Database, ShareLinksTable } from './schema.js';

const nullableDate = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));

/** A row as a record. PostgreSQL returns bigints as strings, hence `Number`. */
export function toShareLink(row: Selectable<ShareLinksTable>): ShareLinkRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    tokenHash: row.token_hash,
    passwordHash: row.password_hash,
    downloads: row.downloads as ShareDownloads,
    galleryIds: row.gallery_ids === null ? null : (JSON.parse(row.gallery_ids) as number[]),
    photoId: row.photo_id === null ? null : Number(row.photo_id),
    expiresAt: nullableDate(row.expires_at),
    visits: Number(row.visits),
    lastVisitedAt: nullableDate(row.last_visited_at),
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** Removes a link and what hangs on it; the caller's transaction makes it one step. */
export async function deleteShareLink(trx: Kysely<Database>, id: string): Promise<void> {
  // The link's row first: an entry through it counts its visit on that row, so it either
  // commits before this (and its session is deleted below) or finds no link and rolls back.
  await trx.deleteFrom('share_links').where('id', '=', id).execute();
  await trx.deleteFrom('visitor_sessions').where('link_id', '=', id).execute();
  await trx.deleteFrom('share_link_visitors').where('link_id', '=', id).execute();
}

/** Share links in SQL, with who came through each in `share_link_visitors`. */
export function sqlShareLinkStore(db: Kysely<Database>): ShareLinkStore {
  return {
    async create(link) {
      try {
        await db
          .insertInto('share_links')
          .values({
            id: link.id,
            account_id: link.accountId,
            collection_id: link.collectionId,
            token_hash: link.tokenHash,
            password_hash: link.passwordHash,
            downloads: link.downloads,
            gallery_ids: link.galleryIds === null ? null : JSON.stringify(link.galleryIds),
            photo_id: link.photoId,
            expires_at: link.expiresAt?.getTime() ?? null,
            visits: link.visits,
            last_visited_at: link.lastVisitedAt?.getTime() ?? null,
            created_by: link.createdBy,
            created_at: link.createdAt.getTime(),
          })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('share_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toShareLink(row) : null;
    },
    async findById(accountId, id) {
      const row = await db
        .selectFrom('share_links')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toShareLink(row) : null;
    },
    async listForCollection(accountId, collectionId, { offset, limit, photoLinks }) {
      let query = db
        .selectFrom('share_links')
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId);
      if (photoLinks !== undefined) {
        query = query.where('photo_id', photoLinks ? 'is not' : 'is', null);
      }
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      const count = await query
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const ids = rows.map((r) => r.id);
      const visitors =
        ids.length === 0
          ? []
          : await db
              .selectFrom('share_link_visitors')
              .select((eb) => ['link_id', eb.fn.countAll<number>().as('n')])
              .where('link_id', 'in', ids)
              .groupBy('link_id')
              .execute();
      const items: ShareLinkSummary[] = rows.map((row) => ({
        ...toShareLink(row),
        visitors: Number(visitors.find((v) => v.link_id === row.id)?.n ?? 0),
      }));
      return { items, total: Number(count.n) };
    },
    async countActive(accountId, collectionId, now) {
      const row = await db
        .selectFrom('share_links')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.getTime())]))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async delete(accountId, id) {
      return db.transaction().execute(async (trx) => {
        const found = await trx
          .selectFrom('share_links')
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!found) return false;
        await deleteShareLink(trx, id);
        return true;
      });
    },
  };
}
