/**
 * The row locks and per-person counting that keep favorites exact under concurrent requests:
 * limits checked under the list's lock, `favorite_count` moved under the photo's.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Takes the row lock of a list for the rest of the transaction: a no-op update locks on
 * PostgreSQL (SQLite serialises write transactions anyway) and works on both, which
 * `SELECT … FOR UPDATE` does not. `false`: no such list.
 */
export async function lockList(
  trx: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('favorite_lists')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Takes the row lock of a photo: whoever holds it alone decides whether a person's favorite
 * is their first (or last) of the photo, so `favorite_count` moves once per person. Locks are
 * always taken list first, then photos in ascending id order, so that no two writers wait on
 * each other in a circle. `false`: no such photo in that collection.
 */
export async function lockPhoto(
  trx: Kysely<Database>,
  photoId: number,
  collectionId: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('photos')
    .set((eb) => ({ favorite_count: eb.ref('favorite_count') }))
    .where('id', '=', photoId)
    .where('collection_id', '=', collectionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether the person has the photo in any list; run with the photo locked. */
export async function ownerHasPhoto(
  trx: Kysely<Database>,
  ownerKey: string,
  photoId: number,
): Promise<boolean> {
  const row = await trx
    .selectFrom('photo_favorites')
    .select('list_id')
    .where('photo_id', '=', photoId)
    .where('owner_key', '=', ownerKey)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves a photo's count of people by one, in SQL: concurrent favorites by others are kept. */
export async function countPerson(
  trx: Kysely<Database>,
  photoId: number,
  delta: 1 | -1,
): Promise<void> {
  let update = trx
    .updateTable('photos')
    .set((eb) => ({ favorite_count: eb('favorite_count', '+', delta) }))
    .where('id', '=', photoId);
  if (delta < 0) update = update.where('favorite_count', '>', 0);
  await update.execute();
}
