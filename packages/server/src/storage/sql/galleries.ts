import type { MediaKind } from '@proofsheet/protocol';
import {
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  sql,
  type Updateable,
} from 'kysely';
import type { GalleryClientScope } from '../ports/gallery-client-scope.js';
import type { GalleryRecord, GalleryStore } from '../ports/gallery-store.js';
import { countedPhoto } from './counted-photo.js';
import { isUniqueViolation } from './errors.js';
import type { Database, GalleriesTable } from './schema.js';

type GalleryQuery<O> = SelectQueryBuilder<Database, 'galleries', O>;

/** A gallery row with its photos and videos counted (`withCounts`). */
type CountedRow = Selectable<GalleriesTable> & { photos_seen: unknown; videos_seen: unknown };

function toRecord(row: CountedRow): GalleryRecord {
  return {
    id: Number(row.id),
    collectionId: Number(row.collection_id),
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    // PostgreSQL returns counts as strings, hence `Number`.
    photoCount: Number(row.photos_seen ?? 0),
    videoCount: Number(row.videos_seen ?? 0),
    private: Number(row.private) === 1,
    download: Number(row.download) === 1,
    favoriteCount: Number(row.favorite_count),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/**
 * Galleries a reader may see. Private galleries are the studio's working sets: a gallery client
 * never sees them, so they are neither listed nor counted (`CollectionStore` counts with this).
 * A share link limited to some galleries narrows that to those.
 */
export function visibleGalleries<O>(
  query: GalleryQuery<O>,
  visibleTo: GalleryClientScope | undefined,
): GalleryQuery<O> {
  if (visibleTo === undefined) return query;
  const visible = query.where('galleries.private', '=', 0);
  const only = visibleTo.galleryIds;
  if (only === undefined) return visible;
  // A link that opens no gallery as a whole (a single photo's) sees none.
  return only.length === 0
    ? visible.where(sql<boolean>`1 = 0`)
    : visible.where('galleries.id', 'in', [...only]);
}

/** How many of a gallery's items of `kind` the reader sees, as a correlated subquery. */
function countOf(
  eb: ExpressionBuilder<Database, 'galleries'>,
  kind: MediaKind,
  visibleTo: GalleryClientScope | undefined,
) {
  return eb
    .selectFrom('photos')
    .select((pb) => pb.fn.countAll<number>().as('n'))
    .whereRef('photos.gallery_id', '=', 'galleries.id')
    .where('photos.kind', '=', kind)
    .where((pb) => countedPhoto(pb, visibleTo !== undefined));
}

/**
 * The photo and video counts, from the photos themselves, never stored: a count kept beside
 * the rows drifts with every upload, failure, hide and delete (the columns `0001` made for them
 * are no longer read).
 */
function withCounts(
  query: GalleryQuery<Selectable<GalleriesTable>>,
  visibleTo: GalleryClientScope | undefined,
): GalleryQuery<CountedRow> {
  return query.select((eb) => [
    countOf(eb, 'photo', visibleTo).as('photos_seen'),
    countOf(eb, 'video', visibleTo).as('videos_seen'),
  ]);
}

/**
 * Runs a query of whole gallery rows as the reader sees them. A gallery client's favorite count
 * is only their own (0 or 1): the total would tell them what other people did.
 */
async function readGalleries(
  query: GalleryQuery<Selectable<GalleriesTable>>,
  visibleTo: GalleryClientScope | undefined,
): Promise<GalleryRecord[]> {
  if (visibleTo === undefined) return (await withCounts(query, undefined).execute()).map(toRecord);
  const rows = await withCounts(visibleGalleries(query, visibleTo), visibleTo)
    .select((eb) =>
      eb
        .selectFrom('gallery_favorites')
        .select((fb) => fb.fn.countAll<number>().as('n'))
        .whereRef('gallery_favorites.gallery_id', '=', 'galleries.id')
        .where('gallery_favorites.user_id', '=', visibleTo.userId)
        .as('own_favorites'),
    )
    .execute();
  return rows.map((row) => ({ ...toRecord(row), favoriteCount: Number(row.own_favorites ?? 0) }));
}

/** Galleries in SQL, with who favorited each in `gallery_favorites`. */
export function sqlGalleryStore(db: Kysely<Database>): GalleryStore {
  function inAccount(accountId: string) {
    return db.selectFrom('galleries').selectAll().where('account_id', '=', accountId);
  }

  function inCollection(accountId: string, collectionId: number) {
    return inAccount(accountId).where('collection_id', '=', collectionId);
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
            // Unread since counts come from the photos; the columns are still NOT NULL.
            photo_count: 0,
            video_count: 0,
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
      const [found] = await readGalleries(
        inCollection(accountId, collectionId).where('id', '=', id),
        undefined,
      );
      return found ?? null;
    },
    async findInAccount(accountId, id, visibleTo) {
      const [found] = await readGalleries(inAccount(accountId).where('id', '=', id), visibleTo);
      return found ?? null;
    },
    listForCollection(accountId, collectionId, visibleTo) {
      // In the order they were made: "Getting Ready" before "Ceremony" before "Reception".
      const query = inCollection(accountId, collectionId).orderBy('created_at').orderBy('id');
      return readGalleries(query, visibleTo);
    },
    async update(accountId, collectionId, id, changes) {
      const values: Updateable<GalleriesTable> = { updated_at: changes.updatedAt.getTime() };
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.description !== undefined) values.description = changes.description;
      if (changes.private !== undefined) values.private = changes.private ? 1 : 0;
      if (changes.download !== undefined) values.download = changes.download ? 1 : 0;
      const result = await db
        .updateTable('galleries')
        .set(values)
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      const [updated] = await readGalleries(
        inCollection(accountId, collectionId).where('id', '=', id),
        undefined,
      );
      return updated ?? null;
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
