import { DOWNLOAD_SIZES, type DownloadSize, type MediaKind } from '@proofsheet/protocol';
import type { Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type {
  CollectionRecord,
  CollectionStore,
  CollectionView,
} from '../ports/collection-store.js';
import type { GalleryClientScope } from '../ports/gallery-client-scope.js';
import { countedPhoto } from './counted-photo.js';
import { isUniqueViolation } from './errors.js';
import { visibleGalleries } from './galleries.js';
import type { CollectionsTable, Database } from './schema.js';

type CollectionRow = Selectable<CollectionsTable>;

/** Download sizes as stored: comma-separated, in `DOWNLOAD_SIZES` order, whatever order given. */
function sizesText(sizes: readonly DownloadSize[]): string {
  return DOWNLOAD_SIZES.filter((s) => sizes.includes(s)).join(',');
}

function sizesOf(text: string): DownloadSize[] {
  const stored = text.split(',');
  return DOWNLOAD_SIZES.filter((s) => stored.includes(s));
}

/**
 * Collections a reader may see: a gallery client only those shared with them and not expired,
 * a share-link visitor only the link's collection, and not expired.
 * `expiry_date` is a date-only `YYYY-MM-DD`, so it compares with `today` as text in date order,
 * on SQLite and PostgreSQL alike; the collection stays visible on its expiry date itself.
 */
export function visibleCollections<O>(
  query: SelectQueryBuilder<Database, 'collections', O>,
  visibleTo: GalleryClientScope | undefined,
): SelectQueryBuilder<Database, 'collections', O> {
  if (visibleTo === undefined) return query;
  const { collectionId } = visibleTo;
  const reachable =
    collectionId === undefined
      ? query.where('collections.id', 'in', (eb) =>
          eb
            .selectFrom('collection_shares')
            .select('collection_shares.collection_id')
            .where('collection_shares.user_id', '=', visibleTo.userId),
        )
      : query.where('collections.id', '=', collectionId);
  return reachable.where((eb) =>
    eb.or([
      eb('collections.expiry_date', 'is', null),
      eb('collections.expiry_date', '>=', visibleTo.today),
    ]),
  );
}

function toRecord(
  row: CollectionRow,
  sharedWith: string[],
): CollectionRecord & Pick<CollectionView, 'downloadSizes' | 'downloadPinHash'> {
  return {
    id: Number(row.id),
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    passwordProtected: Number(row.password_protected) === 1,
    passwordHash: row.password_hash,
    downloadable: Number(row.downloadable) === 1,
    downloadSizes: sizesOf(row.download_sizes),
    downloadPinHash: row.download_pin_hash,
    expiryDate: row.expiry_date,
    sharedWith,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/**
 * Adds the counts and shares to collection rows, in three queries for any number of rows (not
 * three per row). The counts cover only the galleries the reader may see, and in them only the
 * photos they may see (`countedPhoto`). PostgreSQL returns counts as strings, hence `Number`.
 */
async function viewsOf(
  db: Kysely<Database>,
  rows: CollectionRow[],
  visibleTo: GalleryClientScope | undefined,
): Promise<CollectionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const galleryCounts = await visibleGalleries(db.selectFrom('galleries'), visibleTo)
    .select((eb) => ['collection_id', eb.fn.countAll<number>().as('galleries')])
    .where('collection_id', 'in', ids)
    .groupBy('collection_id')
    .execute();
  const media = await db
    .selectFrom('photos')
    .select((eb) => ['photos.collection_id', 'photos.kind', eb.fn.countAll<number>().as('n')])
    .where('photos.collection_id', 'in', ids)
    .where('photos.gallery_id', 'in', (eb) =>
      visibleGalleries(eb.selectFrom('galleries'), visibleTo)
        .select('galleries.id')
        .where('galleries.collection_id', 'in', ids),
    )
    .where((eb) => countedPhoto(eb, visibleTo !== undefined))
    .groupBy(['photos.collection_id', 'photos.kind'])
    .execute();
  const mediaCount = (id: number, kind: MediaKind) =>
    Number(media.find((m) => Number(m.collection_id) === id && m.kind === kind)?.n ?? 0);
  const shares = await db
    .selectFrom('collection_shares')
    .innerJoin('users', 'users.id', 'collection_shares.user_id')
    .select(['collection_shares.collection_id', 'collection_shares.user_id', 'users.email'])
    .where('collection_shares.collection_id', 'in', ids)
    .orderBy('users.email')
    .execute();
  const invited = await db
    .selectFrom('invitation_shares')
    .innerJoin('invitations', 'invitations.id', 'invitation_shares.invitation_id')
    .select(['invitation_shares.collection_id', 'invitations.id', 'invitations.email'])
    .where('invitation_shares.collection_id', 'in', ids)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .orderBy('invitations.email_key')
    .execute();
  return rows.map((row) => {
    const id = Number(row.id);
    const count = galleryCounts.find((c) => Number(c.collection_id) === id);
    const mine = shares.filter((s) => Number(s.collection_id) === id);
    const waiting = invited.filter((i) => Number(i.collection_id) === id);
    return {
      ...toRecord(
        row,
        mine.map((s) => s.user_id),
      ),
      galleryCount: Number(count?.galleries ?? 0),
      photoCount: mediaCount(id, 'photo'),
      videoCount: mediaCount(id, 'video'),
      sharedWithEmails: mine.map((s) => s.email),
      invitations: waiting.map((i) => i.id),
      invitedEmails: waiting.map((i) => i.email),
    };
  });
}

async function replaceInvitations(
  db: Kysely<Database>,
  collectionId: number,
  invitationIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('invitation_shares').where('collection_id', '=', collectionId).execute();
  const unique = [...new Set(invitationIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('invitation_shares')
    .values(unique.map((id) => ({ invitation_id: id, collection_id: collectionId })))
    .execute();
}

async function replaceShares(
  db: Kysely<Database>,
  collectionId: number,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('collection_shares').where('collection_id', '=', collectionId).execute();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('collection_shares')
    .values(unique.map((userId) => ({ collection_id: collectionId, user_id: userId })))
    .execute();
}

/** What sharing left of a collection: its links, their visits, its visitors and their sessions. */
async function deleteSharing(trx: Kysely<Database>, collectionId: number): Promise<void> {
  await trx.deleteFrom('visitor_sessions').where('collection_id', '=', collectionId).execute();
  await trx
    .deleteFrom('share_link_visitors')
    .where('link_id', 'in', (eb) =>
      eb.selectFrom('share_links').select('id').where('collection_id', '=', collectionId),
    )
    .execute();
  await trx.deleteFrom('share_links').where('collection_id', '=', collectionId).execute();
  await trx.deleteFrom('visitors').where('collection_id', '=', collectionId).execute();
  await trx.deleteFrom('collection_access').where('collection_id', '=', collectionId).execute();
  await trx.deleteFrom('invitation_shares').where('collection_id', '=', collectionId).execute();
}

/** Collections in SQL, with their shares in `collection_shares`. */
export function sqlCollectionStore(db: Kysely<Database>): CollectionStore {
  async function find(
    executor: Kysely<Database>,
    accountId: string,
    id: number,
    visibleTo?: GalleryClientScope,
  ): Promise<CollectionView | null> {
    const query = executor
      .selectFrom('collections')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id);
    const row = await visibleCollections(query, visibleTo).executeTakeFirst();
    if (!row) return null;
    const [view] = await viewsOf(executor, [row], visibleTo);
    return view ?? null;
  }

  return {
    async create(c) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('collections')
            .values({
              id: c.id,
              account_id: c.accountId,
              name: c.name,
              description: c.description,
              password_protected: c.passwordProtected || c.passwordHash !== null ? 1 : 0,
              password_hash: c.passwordHash,
              downloadable: c.downloadable ? 1 : 0,
              download_sizes: sizesText(c.downloadSizes ?? DOWNLOAD_SIZES),
              download_pin_hash: c.downloadPinHash ?? null,
              expiry_date: c.expiryDate,
              created_at: c.createdAt.getTime(),
              updated_at: c.updatedAt.getTime(),
            })
            .execute();
          await replaceShares(trx, c.id, c.sharedWith);
          await replaceInvitations(trx, c.id, c.invitations ?? []);
        });
        return true;
      } catch (error) {
        // The transaction rolled back; the caller draws another id.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    findById(accountId, id, visibleTo) {
      return find(db, accountId, id, visibleTo);
    },
    async list(accountId, { visibleTo, offset, limit }) {
      const query = visibleCollections(
        db.selectFrom('collections').where('account_id', '=', accountId),
        visibleTo,
      );
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
      return { items: await viewsOf(db, rows, visibleTo), total: Number(count.n) };
    },
    async update(accountId, id, changes) {
      const values: Updateable<CollectionsTable> = { updated_at: changes.updatedAt.getTime() };
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.description !== undefined) values.description = changes.description;
      if (changes.passwordHash !== undefined) {
        values.password_hash = changes.passwordHash;
        values.password_protected = changes.passwordHash === null ? 0 : 1;
      }
      if (changes.downloadable !== undefined) values.downloadable = changes.downloadable ? 1 : 0;
      if (changes.downloadSizes !== undefined) {
        values.download_sizes = sizesText(changes.downloadSizes);
      }
      if (changes.downloadPinHash !== undefined) values.download_pin_hash = changes.downloadPinHash;
      if (changes.expiryDate !== undefined) values.expiry_date = changes.expiryDate;
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('collections')
          .set(values)
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return null;
        if (changes.sharedWith !== undefined) await replaceShares(trx, id, changes.sharedWith);
        if (changes.invitations !== undefined) {
          await replaceInvitations(trx, id, changes.invitations);
        }
        return find(trx, accountId, id);
      });
    },
    async delete(accountId, id) {
      // One transaction: a collection never outlives its galleries, nor they it.
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('collections')
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await trx
          .deleteFrom('gallery_favorites')
          .where('gallery_id', 'in', (eb) =>
            eb.selectFrom('galleries').select('id').where('collection_id', '=', id),
          )
          .execute();
        await trx.deleteFrom('galleries').where('collection_id', '=', id).execute();
        await trx.deleteFrom('collection_shares').where('collection_id', '=', id).execute();
        await deleteSharing(trx, id);
        return true;
      });
    },
  };
}
