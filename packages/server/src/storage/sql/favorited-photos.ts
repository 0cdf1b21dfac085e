import type { Kysely } from 'kysely';
import type {
  FavoritedPhotoQuery,
  FavoritedPhotoRecord,
  FavoriteEntryRecord,
} from '../ports/favorite-store.js';
import { inSelection, ownerOf, ownersOf } from './favorite-views.js';
import { toRecord as photoRecord } from './photos.js';
import type { Database } from './schema.js';

/** Favorites joined to their lists, photos and galleries, as `query` scopes them. */
function scoped(db: Kysely<Database>, accountId: string, query: FavoritedPhotoQuery) {
  let base = db
    .selectFrom('photo_favorites as f')
    .innerJoin('favorite_lists as l', 'l.id', 'f.list_id')
    .innerJoin('photos', 'photos.id', 'f.photo_id')
    .innerJoin('galleries', 'galleries.id', 'photos.gallery_id')
    .where('l.account_id', '=', accountId)
    .where('photos.account_id', '=', accountId);
  if (query.collectionIds !== undefined) {
    base = base.where('l.collection_id', 'in', [...query.collectionIds]);
  }
  if (query.ownerKey !== undefined) base = base.where('f.owner_key', '=', query.ownerKey);
  if (query.listId !== undefined) base = base.where('f.list_id', '=', query.listId);
  if (query.visibleOnly) base = base.where(inSelection);
  return base;
}

/**
 * Photos with favorites, one per photo however many lists hold it, a page at a time; then, if
 * asked, every favorite of the page's photos in one more query.
 */
export async function favoritedPhotos(
  db: Kysely<Database>,
  accountId: string,
  query: FavoritedPhotoQuery,
): Promise<{ items: FavoritedPhotoRecord[]; total: number }> {
  if (query.collectionIds !== undefined && query.collectionIds.length === 0) {
    return { items: [], total: 0 };
  }
  const base = scoped(db, accountId, query);
  const total = await base
    .select((eb) => eb.fn.count<number>('f.photo_id').distinct().as('n'))
    .executeTakeFirst();
  let page = base
    .selectAll('photos')
    .select((eb) => [
      eb.fn.count<number>('f.owner_key').distinct().as('people'),
      eb.fn.min<number>('f.created_at').as('first_at'),
      eb.fn.max<number>('f.created_at').as('last_at'),
    ])
    // PostgreSQL takes the photo's other columns as determined by its primary key.
    .groupBy(['photos.id', 'galleries.created_at', 'galleries.id']);
  switch (query.order) {
    case 'popular':
      page = page.orderBy('people', 'desc').orderBy('last_at', 'desc').orderBy('photos.id');
      break;
    case 'recent':
      page = page.orderBy('last_at', 'desc').orderBy('photos.id', 'desc');
      break;
    default:
      page = page
        .orderBy('galleries.created_at')
        .orderBy('galleries.id')
        .orderBy('photos.position')
        .orderBy('photos.id');
  }
  const rows = await page.offset(query.offset).limit(query.limit).execute();
  const entries = new Map<number, FavoriteEntryRecord[]>();
  if (query.entries && rows.length > 0) {
    const found = await base
      .select(['f.photo_id', 'f.list_id', 'l.name', 'f.owner_key', 'f.created_at'])
      .where(
        'f.photo_id',
        'in',
        rows.map((r) => Number(r.id)),
      )
      .orderBy('f.created_at')
      .orderBy('f.list_id')
      .execute();
    const owners = await ownersOf(
      db,
      accountId,
      found.map((e) => e.owner_key),
    );
    for (const e of found) {
      const photoId = Number(e.photo_id);
      const list = entries.get(photoId) ?? [];
      list.push({
        listId: e.list_id,
        listName: e.name,
        ownerKey: e.owner_key,
        owner: ownerOf(owners, e.owner_key),
        createdAt: new Date(Number(e.created_at)),
      });
      entries.set(photoId, list);
    }
  }
  return {
    items: rows.map((row) => ({
      photo: photoRecord(row),
      people: Number(row.people),
      firstAt: new Date(Number(row.first_at)),
      lastAt: new Date(Number(row.last_at)),
      entries: entries.get(Number(row.id)) ?? [],
    })),
    total: Number(total?.n ?? 0),
  };
}
