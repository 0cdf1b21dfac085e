import type { Kysely } from 'kysely';
import type { FavoriteListView, FavoriteStore } from '../ports/favorite-store.js';
import { countPerson, lockList, lockPhoto, ownerHasPhoto } from './favorite-locks.js';
import { findListView, listRecord, listRow, listViews, selectionCounts } from './favorite-views.js';
import { favoritedPhotos } from './favorited-photos.js';
import type { Database } from './schema.js';

/** Thrown inside a transaction to roll it back with the answer the caller returns. */
class Refused<T> extends Error {
  constructor(readonly answer: T) {
    super('refused');
  }
}

async function refusable<T, R>(run: () => Promise<T>): Promise<T | R> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refused) return error.answer as R;
    throw error;
  }
}

function contradicts(min: number | null, max: number | null): boolean {
  return min !== null && max !== null && min > max;
}

async function viewIn(trx: Kysely<Database>, accountId: string, id: string) {
  const view = await findListView(trx, accountId, id);
  if (!view) throw new Error(`The favorites list ${id} vanished while locked`);
  return view;
}

/** Favorites lists in `favorite_lists`, their photos in `photo_favorites`. */
export function sqlFavoriteStore(db: Kysely<Database>): FavoriteStore {
  return {
    async createList(list, { maxPerOwner }) {
      if (contradicts(list.minSelection, list.maxSelection)) return { refused: 'min_above_max' };
      return refusable(() =>
        db.transaction().execute(async (trx) => {
          // Serialises list creation in the collection, so the per-person limit holds.
          await trx
            .updateTable('collections')
            .set((eb) => ({ updated_at: eb.ref('updated_at') }))
            .where('id', '=', list.collectionId)
            .execute();
          const count = await trx
            .selectFrom('favorite_lists')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('collection_id', '=', list.collectionId)
            .where('owner_key', '=', list.ownerKey)
            .executeTakeFirst();
          if (Number(count?.n ?? 0) >= maxPerOwner) {
            throw new Refused({ refused: 'too_many' as const });
          }
          await trx
            .insertInto('favorite_lists')
            .values(listRow({ ...list, isDefault: false }))
            .execute();
          return { created: await viewIn(trx, list.accountId, list.id) };
        }),
      );
    },

    async ensureDefault(list) {
      const row = listRow({ ...list, isDefault: true });
      // The unique default key decides between two first favorites racing to make it.
      await db
        .insertInto('favorite_lists')
        .values(row)
        .onConflict((oc) => oc.column('default_key').doNothing())
        .execute();
      const found = await db
        .selectFrom('favorite_lists')
        .selectAll()
        .where('default_key', '=', row.default_key)
        .executeTakeFirstOrThrow();
      const [view] = await listViews(db, [found]);
      if (!view) throw new Error('A default favorites list has no view');
      return view;
    },

    findList: (accountId, id) => findListView(db, accountId, id),

    async listsOf(accountId, collectionId, { ownerKey, offset, limit }) {
      let base = db
        .selectFrom('favorite_lists')
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId);
      if (ownerKey !== undefined) base = base.where('owner_key', '=', ownerKey);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const rows = await base
        .selectAll()
        .orderBy('is_default', 'desc')
        .orderBy('created_at')
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute();
      return { items: await listViews(db, rows), total: Number(total?.n ?? 0) };
    },

    async updateList(accountId, id, changes) {
      return refusable(() =>
        db.transaction().execute(async (trx) => {
          if (!(await lockList(trx, accountId, id))) return null;
          const current = listRecord(
            await trx
              .selectFrom('favorite_lists')
              .selectAll()
              .where('id', '=', id)
              .executeTakeFirstOrThrow(),
          );
          const min =
            changes.minSelection !== undefined ? changes.minSelection : current.minSelection;
          const max =
            changes.maxSelection !== undefined ? changes.maxSelection : current.maxSelection;
          if (contradicts(min, max)) throw new Refused({ refused: 'min_above_max' as const });
          await trx
            .updateTable('favorite_lists')
            .set({
              name: changes.name ?? current.name,
              min_selection: min,
              max_selection: max,
              submitted_at: changes.reopen ? null : (current.submittedAt?.getTime() ?? null),
              updated_at: changes.updatedAt.getTime(),
            })
            .where('id', '=', id)
            .execute();
          return viewIn(trx, accountId, id);
        }),
      );
    },

    async deleteList(accountId, id) {
      return db.transaction().execute(async (trx) => {
        if (!(await lockList(trx, accountId, id))) return false;
        const list = await trx
          .selectFrom('favorite_lists')
          .select(['owner_key', 'collection_id'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const photos = await trx
          .selectFrom('photo_favorites')
          .select('photo_id')
          .where('list_id', '=', id)
          .orderBy('photo_id')
          .execute();
        const photoIds = photos.map((p) => Number(p.photo_id));
        const present: number[] = [];
        for (const photoId of photoIds) {
          if (await lockPhoto(trx, photoId, Number(list.collection_id))) present.push(photoId);
        }
        await trx.deleteFrom('photo_favorites').where('list_id', '=', id).execute();
        await trx.deleteFrom('favorite_lists').where('id', '=', id).execute();
        for (const photoId of present) {
          if (!(await ownerHasPhoto(trx, list.owner_key, photoId))) {
            await countPerson(trx, photoId, -1);
          }
        }
        return true;
      });
    },

    async submitList(accountId, id, at) {
      return db.transaction().execute(async (trx) => {
        if (!(await lockList(trx, accountId, id))) return null;
        const list = await viewIn(trx, accountId, id);
        if (list.submittedAt !== null) return { list, changed: false };
        if (list.minSelection !== null && list.photoCount < list.minSelection) {
          return { short: list };
        }
        await trx
          .updateTable('favorite_lists')
          .set({ submitted_at: at.getTime(), updated_at: at.getTime() })
          .where('id', '=', id)
          .execute();
        return { list: await viewIn(trx, accountId, id), changed: true };
      });
    },

    async addFavorite(accountId, listId, photoId, at) {
      return refusable(() =>
        db.transaction().execute(async (trx) => {
          if (!(await lockList(trx, accountId, listId))) return null;
          const list = await viewIn(trx, accountId, listId);
          if (list.submittedAt !== null) throw new Refused({ refused: 'submitted' as const });
          const already = await trx
            .selectFrom('photo_favorites')
            .select('photo_id')
            .where('list_id', '=', listId)
            .where('photo_id', '=', photoId)
            .executeTakeFirst();
          if (already) return { added: false, list };
          if (list.maxSelection !== null) {
            // Counted under the list's lock: parallel adds see each other's, never overshoot.
            const count = (await selectionCounts(trx, [listId])).get(listId) ?? 0;
            if (count >= list.maxSelection) throw new Refused({ refused: 'full' as const });
          }
          if (!(await lockPhoto(trx, photoId, list.collectionId))) return null;
          const first = !(await ownerHasPhoto(trx, list.ownerKey, photoId));
          await trx
            .insertInto('photo_favorites')
            .values({
              list_id: listId,
              photo_id: photoId,
              owner_key: list.ownerKey,
              created_at: at.getTime(),
            })
            .execute();
          if (first) await countPerson(trx, photoId, 1);
          await trx
            .updateTable('favorite_lists')
            .set({ updated_at: at.getTime() })
            .where('id', '=', listId)
            .execute();
          return { added: true, list: await viewIn(trx, accountId, listId) };
        }),
      );
    },

    async removeFavorite(accountId, listId, photoId, at) {
      return db.transaction().execute(async (trx) => {
        if (!(await lockList(trx, accountId, listId))) return null;
        const list: FavoriteListView = await viewIn(trx, accountId, listId);
        if (list.submittedAt !== null) return { refused: 'submitted' as const };
        const photoThere = await lockPhoto(trx, photoId, list.collectionId);
        const deleted = await trx
          .deleteFrom('photo_favorites')
          .where('list_id', '=', listId)
          .where('photo_id', '=', photoId)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) return { removed: false, list };
        if (photoThere && !(await ownerHasPhoto(trx, list.ownerKey, photoId))) {
          await countPerson(trx, photoId, -1);
        }
        await trx
          .updateTable('favorite_lists')
          .set({ updated_at: at.getTime() })
          .where('id', '=', listId)
          .execute();
        return { removed: true, list: await viewIn(trx, accountId, listId) };
      });
    },

    favoritedPhotos: (accountId, query) => favoritedPhotos(db, accountId, query),
  };
}
