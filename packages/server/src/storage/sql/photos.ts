import type { MediaKind, PhotoStatus } from '@proofsheet/protocol';
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type { GalleryClientScope } from '../ports/gallery-client-scope.js';
import type {
  CreatePhotoRefusal,
  DerivativeRef,
  PhotoListOptions,
  PhotoRecord,
  PhotoStore,
} from '../ports/photo-store.js';
import { visibleCollections } from './collections.js';
import { countedPhoto } from './counted-photo.js';
import { isUniqueViolation } from './errors.js';
import { visibleGalleries } from './galleries.js';
import type { Database, PhotosTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A `photos` row as a record; other stores that read photo rows use it too. */
export function toRecord(row: Selectable<PhotosTable>): PhotoRecord {
  return {
    id: Number(row.id),
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    galleryId: Number(row.gallery_id),
    kind: row.kind as MediaKind,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    takenAt: row.taken_at,
    camera: row.camera,
    lens: row.lens,
    hasGps: Number(row.has_gps) === 1,
    status: row.status as PhotoStatus,
    statusReason: row.status_reason,
    thumbhash: row.thumbhash,
    derivatives: JSON.parse(row.derivatives) as DerivativeRef[],
    position: Number(row.position),
    hidden: Number(row.hidden) === 1,
    favoriteCount: Number(row.favorite_count),
    uploadedBy: row.uploaded_by,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Thrown inside a transaction to roll it back with a reason the caller returns. */
class Refused extends Error {
  constructor(readonly reason: CreatePhotoRefusal) {
    super(reason);
  }
}

/**
 * Serialises writes to one gallery's positions. A no-op update takes the row lock on
 * PostgreSQL (SQLite serialises every write transaction anyway) and works on both, which
 * `SELECT … FOR UPDATE` does not.
 */
async function lockGallery(trx: Db, galleryId: number): Promise<boolean> {
  const result = await trx
    .updateTable('galleries')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', galleryId)
    .executeTakeFirst();
  // Whether the gallery (still) exists.
  return Number(result.numUpdatedRows) > 0;
}

/**
 * A photo's row read under its gallery's lock: the position is then the one every other
 * writer of the gallery left, not one read before a concurrent move or delete shifted it.
 * `null` when there is no such photo (or it was deleted while waiting for the lock).
 */
async function lockedPhoto(
  trx: Db,
  accountId: string,
  id: number,
): Promise<Selectable<PhotosTable> | null> {
  const read = () =>
    trx
      .selectFrom('photos')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  const first = await read();
  if (!first) return null;
  await lockGallery(trx, Number(first.gallery_id));
  return (await read()) ?? null;
}

/** Adds `delta` bytes to an account's usage; with a quota, `false` (nothing changed) over it. */
async function addUsage(
  trx: Db,
  accountId: string,
  delta: number,
  quotaBytes: number | null,
): Promise<boolean> {
  await trx
    .insertInto('account_usage')
    .values({ account_id: accountId, bytes: 0 })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
  let update = trx
    .updateTable('account_usage')
    .set((eb) => ({ bytes: eb('bytes', '+', delta) }))
    .where('account_id', '=', accountId);
  if (quotaBytes !== null)
    update = update.where((eb) => eb(eb('bytes', '+', delta), '<=', quotaBytes));
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Photos in SQL: rows in `photos`, the blobs they hold in `photo_blobs`, usage per account. */
export function sqlPhotoStore(db: Kysely<Database>): PhotoStore {
  async function find(id: number, accountId?: string): Promise<PhotoRecord | null> {
    let query = db.selectFrom('photos').selectAll().where('id', '=', id);
    if (accountId !== undefined) query = query.where('account_id', '=', accountId);
    const row = await query.executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  return {
    async create(photo, options = {}) {
      try {
        const created = await db.transaction().execute(async (trx) => {
          if (!(await lockGallery(trx, photo.galleryId))) throw new Refused('gallery_missing');
          const last = await trx
            .selectFrom('photos')
            .select((eb) => eb.fn.max('position').as('last'))
            .where('gallery_id', '=', photo.galleryId)
            .executeTakeFirst();
          const position = Number(last?.last ?? 0) + 1;
          const bytes = photo.size + photo.derivatives.reduce((n, d) => n + d.bytes, 0);
          if (!(await addUsage(trx, photo.accountId, bytes, options.quotaBytes ?? null))) {
            throw new Refused('quota_exceeded');
          }
          const record: PhotoRecord = { ...photo, position };
          try {
            await trx.insertInto('photos').values(toRow(record)).execute();
          } catch (error) {
            if (isUniqueViolation(error)) throw new Refused('id_taken');
            throw error;
          }
          await trx
            .insertInto('photo_blobs')
            .values(blobRows(record))
            .onConflict((oc) => oc.columns(['photo_id', 'sha256']).doNothing())
            .execute();
          return record;
        });
        return { created };
      } catch (error) {
        if (error instanceof Refused) return { refused: error.reason };
        throw error;
      }
    },

    findInAccount: (accountId, id) => find(id, accountId),
    findById: (id) => find(id),

    async findVisible(accountId: string, id: number, visibleTo?: GalleryClientScope) {
      // The rules of galleries and collections, each from its own store's module, and the
      // photo's own: what a photo route checks in one query instead of three reads.
      const galleries = visibleGalleries(
        db
          .selectFrom('galleries')
          .select('galleries.id')
          .where('galleries.account_id', '=', accountId),
        visibleTo,
      );
      const collections = visibleCollections(
        db
          .selectFrom('collections')
          .select('collections.id')
          .where('collections.account_id', '=', accountId),
        visibleTo,
      );
      let query = db
        .selectFrom('photos')
        .selectAll()
        .where('photos.account_id', '=', accountId)
        .where('photos.id', '=', id)
        .where('photos.gallery_id', 'in', galleries)
        .where('photos.collection_id', 'in', collections);
      if (visibleTo !== undefined) query = query.where((eb) => countedPhoto(eb, true));
      const row = await query.executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async listForGallery(accountId, galleryId, options: PhotoListOptions) {
      let base = db
        .selectFrom('photos')
        .where('account_id', '=', accountId)
        .where('gallery_id', '=', galleryId);
      if (options.visibleOnly) base = base.where('status', '=', 'ready').where('hidden', '=', 0);
      if (options.status) base = base.where('status', '=', options.status);
      const favorites = options.favorites;
      if (favorites) {
        base = base.where((eb) => {
          let theirs = eb
            .selectFrom('photo_favorites')
            .select('photo_favorites.photo_id')
            .whereRef('photo_favorites.photo_id', '=', 'photos.id')
            .where('photo_favorites.owner_key', '=', favorites.ownerKey);
          if (favorites.listId !== undefined) {
            theirs = theirs.where('photo_favorites.list_id', '=', favorites.listId);
          }
          return favorites.favorited ? eb.exists(theirs) : eb.not(eb.exists(theirs));
        });
      }
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      let query = base.selectAll();
      switch (options.order ?? 'position') {
        case 'taken_at':
          // Photos without a capture time go last, in the studio's order.
          query = query
            .orderBy((eb) => eb.case().when('taken_at', 'is', null).then(1).else(0).end())
            .orderBy('taken_at')
            .orderBy('position');
          break;
        case 'filename':
          query = query.orderBy('filename').orderBy('position');
          break;
        case 'uploaded':
          query = query.orderBy('created_at').orderBy('id');
          break;
        default:
          query = query.orderBy('position').orderBy('id');
      }
      const rows = await query.offset(options.offset).limit(options.limit).execute();
      return { items: rows.map(toRecord), total: Number(total?.n ?? 0) };
    },

    async update(accountId, id, changes) {
      return db.transaction().execute(async (trx) => {
        const current = await lockedPhoto(trx, accountId, id);
        if (!current) return null;
        const galleryId = Number(current.gallery_id);
        const values: Partial<PhotosTable> = { updated_at: changes.updatedAt.getTime() };
        if (changes.filename !== undefined) values.filename = changes.filename;
        if (changes.hidden !== undefined) values.hidden = changes.hidden ? 1 : 0;
        if (changes.position !== undefined) {
          const count = await trx
            .selectFrom('photos')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('gallery_id', '=', galleryId)
            .executeTakeFirst();
          const from = Number(current.position);
          const to = Math.min(changes.position, Number(count?.n ?? 1));
          if (to < from) {
            await trx
              .updateTable('photos')
              .set((eb) => ({ position: eb('position', '+', 1) }))
              .where('gallery_id', '=', galleryId)
              .where('position', '>=', to)
              .where('position', '<', from)
              .execute();
          } else if (to > from) {
            await trx
              .updateTable('photos')
              .set((eb) => ({ position: eb('position', '-', 1) }))
              .where('gallery_id', '=', galleryId)
              .where('position', '>', from)
              .where('position', '<=', to)
              .execute();
          }
          values.position = to;
        }
        const row = await trx
          .updateTable('photos')
          .set(values)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row ? toRecord(row) : null;
      });
    },

    async markReady(id, fields, at) {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('photos')
          .select(['account_id', 'derivative_bytes'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!current) return null;
        const derivativeBytes = fields.derivatives.reduce((n, d) => n + d.bytes, 0);
        const row = await trx
          .updateTable('photos')
          .set({
            status: 'ready',
            status_reason: null,
            width: fields.width,
            height: fields.height,
            taken_at: fields.takenAt,
            camera: fields.camera,
            lens: fields.lens,
            has_gps: fields.hasGps ? 1 : 0,
            thumbhash: fields.thumbhash,
            derivatives: JSON.stringify(fields.derivatives),
            derivative_bytes: derivativeBytes,
            updated_at: at.getTime(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        // Deleted while it was being processed: nothing to mark.
        if (!row) return null;
        // Processed again (a retry after a crash): the new sizes replace the old in the usage.
        const delta = derivativeBytes - Number(current.derivative_bytes);
        if (delta !== 0) await addUsage(trx, current.account_id, delta, null);
        await trx.deleteFrom('photo_blobs').where('photo_id', '=', id).execute();
        const record = toRecord(row);
        await trx
          .insertInto('photo_blobs')
          .values(blobRows(record))
          .onConflict((oc) => oc.columns(['photo_id', 'sha256']).doNothing())
          .execute();
        return record;
      });
    },

    async markFailed(id, reason, at) {
      const row = await db
        .updateTable('photos')
        .set({ status: 'failed', status_reason: reason, updated_at: at.getTime() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async delete(accountId, id) {
      return db.transaction().execute(async (trx) => {
        const locked = await lockedPhoto(trx, accountId, id);
        if (!locked) return null;
        // The row as deleted, not as read: a processing job that finished meanwhile (it does
        // not take the gallery's lock) added sizes, whose bytes and blobs go with it.
        const row = await trx
          .deleteFrom('photos')
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
        const galleryId = Number(row.gallery_id);
        await trx.deleteFrom('photo_blobs').where('photo_id', '=', id).execute();
        await trx.deleteFrom('photo_favorites').where('photo_id', '=', id).execute();
        await trx
          .updateTable('photos')
          .set((eb) => ({ position: eb('position', '-', 1) }))
          .where('gallery_id', '=', galleryId)
          .where('position', '>', Number(row.position))
          .execute();
        await trx
          .updateTable('galleries')
          .set({ cover_photo_id: null })
          .where('id', '=', galleryId)
          .where('cover_photo_id', '=', id)
          .execute();
        await addUsage(trx, accountId, -(Number(row.size) + Number(row.derivative_bytes)), null);
        return toRecord(row);
      });
    },

    async deleteAll(accountId, scope) {
      return db.transaction().execute(async (trx) => {
        const inScope = (eb: ExpressionBuilder<Database, 'photos'>) =>
          eb.and([
            eb('photos.account_id', '=', accountId),
            'galleryId' in scope
              ? eb('photos.gallery_id', '=', scope.galleryId)
              : eb('photos.collection_id', '=', scope.collectionId),
          ]);
        // By subquery, not by a list of ids: a collection may hold more photos than a
        // statement takes parameters.
        const ids = (eb: ExpressionBuilder<Database, 'photo_blobs' | 'photo_favorites'>) =>
          eb.selectFrom('photos').select('photos.id').where(inScope);
        await trx.deleteFrom('photo_blobs').where('photo_id', 'in', ids).execute();
        await trx.deleteFrom('photo_favorites').where('photo_id', 'in', ids).execute();
        const rows = await trx.deleteFrom('photos').where(inScope).returningAll().execute();
        const bytes = rows.reduce((n, r) => n + Number(r.size) + Number(r.derivative_bytes), 0);
        if (bytes > 0) await addUsage(trx, accountId, -bytes, null);
        return rows.map(toRecord);
      });
    },

    async isBlobReferenced(sha256) {
      const row = await db
        .selectFrom('photo_blobs')
        .select('photo_id')
        .where('sha256', '=', sha256)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async listProcessing(limit) {
      const rows = await db
        .selectFrom('photos')
        .selectAll()
        .where('status', '=', 'processing')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    async referencedBlobs() {
      const rows = await db.selectFrom('photo_blobs').select('sha256').distinct().execute();
      return new Set(rows.map((r) => r.sha256));
    },

    async favoritedBy(ownerKey, photoIds) {
      if (photoIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('photo_favorites')
        .select('photo_id')
        .distinct()
        .where('owner_key', '=', ownerKey)
        .where('photo_id', 'in', photoIds)
        .execute();
      return new Set(rows.map((r) => Number(r.photo_id)));
    },

    async usage(accountId) {
      const row = await db
        .selectFrom('account_usage')
        .select('bytes')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(row?.bytes ?? 0);
    },

    async setCover(accountId, galleryId, photoId) {
      const result = await db
        .updateTable('galleries')
        .set({ cover_photo_id: photoId })
        .where('account_id', '=', accountId)
        .where('id', '=', galleryId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async coversOf(accountId, galleryIds, options) {
      const covers = new Map<number, PhotoRecord>();
      if (galleryIds.length === 0) return covers;
      const chosen = await db
        .selectFrom('galleries')
        .innerJoin('photos', 'photos.id', 'galleries.cover_photo_id')
        .selectAll('photos')
        .where('galleries.account_id', '=', accountId)
        .where('galleries.id', 'in', galleryIds)
        .execute();
      for (const row of chosen) {
        const photo = toRecord(row);
        // A cover is shown by its sizes, which only a ready photo has; a hidden one is the
        // studio's alone, so a client gets the first photo they may see instead.
        if (photo.status !== 'ready' || (options.visibleOnly && photo.hidden)) continue;
        covers.set(photo.galleryId, photo);
      }
      // A gallery holds a wedding's few hundred photos at most a handful per collection: one
      // indexed query per gallery without a chosen cover reads one row each.
      for (const galleryId of galleryIds) {
        if (covers.has(galleryId)) continue;
        let first = db
          .selectFrom('photos')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('gallery_id', '=', galleryId)
          .where('status', '=', 'ready');
        if (options.visibleOnly) first = first.where('hidden', '=', 0);
        const row = await first.orderBy('position').orderBy('id').limit(1).executeTakeFirst();
        if (row) covers.set(galleryId, toRecord(row));
      }
      return covers;
    },
  };
}

function blobRows(photo: PhotoRecord): { photo_id: number; sha256: string }[] {
  const keys = new Set([photo.sha256, ...photo.derivatives.map((d) => d.sha256)]);
  return [...keys].map((sha256) => ({ photo_id: photo.id, sha256 }));
}

function toRow(p: PhotoRecord): PhotosTable {
  return {
    id: p.id,
    account_id: p.accountId,
    collection_id: p.collectionId,
    gallery_id: p.galleryId,
    kind: p.kind,
    filename: p.filename,
    content_type: p.contentType,
    size: p.size,
    sha256: p.sha256,
    width: p.width,
    height: p.height,
    taken_at: p.takenAt,
    camera: p.camera,
    lens: p.lens,
    has_gps: p.hasGps ? 1 : 0,
    status: p.status,
    status_reason: p.statusReason,
    thumbhash: p.thumbhash,
    derivatives: JSON.stringify(p.derivatives),
    derivative_bytes: p.derivatives.reduce((n, d) => n + d.bytes, 0),
    position: p.position,
    hidden: p.hidden ? 1 : 0,
    favorite_count: p.favoriteCount,
    uploaded_by: p.uploadedBy,
    created_at: p.createdAt.getTime(),
    updated_at: p.updatedAt.getTime(),
  };
}
