import type { Kysely, Selectable, Updateable } from 'kysely';
import type { GalleryRecord, GalleryStore } from '../ports.js';
import { isUniqueViolation } from './errors.js';
import type { Database, GalleriesTable } from './schema.js';

function toRecord(row: Selectable<GalleriesTable>): GalleryRecord {
  return {
    id: Number(row.id),
    collectionId: Number(row.collection_id),
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    photoCount: Number(row.photo_count),
    videoCount: Number(row.video_count),
    private: Number(row.private) === 1,
    download: Number(row.download) === 1,
    favoriteCount: Number(row.favorite_count),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Galleries in SQL, with who favorited each in `gallery_favorites`. */
export function sqlGalleryStore(db: Kysely<Database>): GalleryStore {
  function inCollection(accountId: string, collectionId: number) {
    return db
      .selectFrom('galleries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('collection_id', '=', collectionId);
  }

  return {
    async create(g) {
      try {
        await db
          .insertInto('galleries')
          .values({
            id: g.id,
            collection_id: g.collectionId,
            account_id: g.accountId,
            name: g.name,
            description: g.description,
            photo_count: g.photoCount,
            video_count: g.videoCount,
            private: g.private ? 1 : 0,
            download: g.download ? 1 : 0,
            favorite_count: g.favoriteCount,
            created_at: g.createdAt.getTime(),
            updated_at: g.updatedAt.getTime(),
          })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async findById(accountId, collectionId, id) {
      const row = await inCollection(accountId, collectionId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findInAccount(accountId, id) {
      const row = await db
        .selectFrom('galleries')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async listForCollection(accountId, collectionId) {
      // In the order they were made: "Getting Ready" before "Ceremony" before "Reception".
      const rows = await inCollection(accountId, collectionId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    async update(accountId, collectionId, id, changes) {
      const values: Updateable<GalleriesTable> = { updated_at: changes.updatedAt.getTime() };
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.description !== undefined) values.description = changes.description;
      if (changes.photoCount !== undefined) values.photo_count = changes.photoCount;
      if (changes.videoCount !== undefined) values.video_count = changes.videoCount;
      if (changes.private !== undefined) values.private = changes.private ? 1 : 0;
      if (changes.download !== undefined) values.download = changes.download ? 1 : 0;
      const row = await db
        .updateTable('galleries')
        .set(values)
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async delete(accountId, collectionId, id) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('galleries')
          .where('account_id', '=', accountId)
          .where('collection_id', '=', collectionId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await trx.deleteFrom('gallery_favorites').where('gallery_id', '=', id).execute();
        return true;
      });
    },
    async addFavorite(accountId, galleryId, userId, at) {
      return db.transaction().execute(async (trx) => {
        const gallery = await trx
          .selectFrom('galleries')
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', '=', galleryId)
          .executeTakeFirst();
        if (!gallery) return false;
        // The primary key (gallery, user) decides: of two concurrent favorites by one user,
        // one inserts and the other does nothing, so the count moves once.
        const inserted = await trx
          .insertInto('gallery_favorites')
          .values({ gallery_id: galleryId, user_id: userId, created_at: at.getTime() })
          .onConflict((oc) => oc.columns(['gallery_id', 'user_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        // Incremented in SQL, not read-modify-written: favorites by others never get lost.
        await trx
          .updateTable('galleries')
          .set((eb) => ({ favorite_count: eb('favorite_count', '+', 1) }))
          .where('id', '=', galleryId)
          .execute();
        return true;
      });
    },
  };
}
