/**
 * Reading favorites lists as views: their selection counts and who owns them. Shared by the
 * store's writes (which answer with the list as it now is) and its reads.
 */
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type {
  FavoriteListRecord,
  FavoriteListView,
  OwnerDetails,
} from '../ports/favorite-store.js';
import { countedPhoto } from './counted-photo.js';
import type { Database, FavoriteListsTable } from './schema.js';

/** A favorites-list row as a record. */
export function listRecord(row: Selectable<FavoriteListsTable>): FavoriteListRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    ownerKey: row.owner_key,
    name: row.name,
    isDefault: Number(row.is_default) === 1,
    setByStudio: Number(row.set_by_studio) === 1,
    minSelection: row.min_selection === null ? null : Number(row.min_selection),
    maxSelection: row.max_selection === null ? null : Number(row.max_selection),
    submittedAt: row.submitted_at === null ? null : new Date(Number(row.submitted_at)),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** The row of a new list; `default_key` makes a person's default list the only one. */
export function listRow(list: FavoriteListRecord): FavoriteListsTable {
  return {
    id: list.id,
    account_id: list.accountId,
    collection_id: list.collectionId,
    owner_key: list.ownerKey,
    name: list.name,
    min_selection: list.minSelection,
    max_selection: list.maxSelection,
    created_at: list.createdAt.getTime(),
    updated_at: list.updatedAt.getTime(),
    is_default: list.isDefault ? 1 : 0,
    default_key: list.isDefault ? `${list.collectionId}:${list.ownerKey}` : null,
    set_by_studio: list.setByStudio ? 1 : 0,
    submitted_at: list.submittedAt === null ? null : list.submittedAt.getTime(),
  };
}

const NO_OWNER: OwnerDetails = { name: null, email: null, studio: false };

/**
 * Names of the users among `keys`, and whether they are staff of `accountId` (their role there:
 * a person can be one studio's assistant and another's client); keys that are no user
 * (visitors) are left out.
 */
export async function ownersOf(
  db: Kysely<Database>,
  accountId: string,
  keys: readonly string[],
): Promise<Map<string, OwnerDetails>> {
  const owners = new Map<string, OwnerDetails>();
  const unique = [...new Set(keys)];
  if (unique.length === 0) return owners;
  const users = await db
    .selectFrom('users')
    .leftJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 'users.id').on('m.account_id', '=', accountId),
    )
    .select(['users.id', 'users.first_name', 'users.last_name', 'users.email', 'm.role'])
    .where('users.id', 'in', unique)
    .execute();
  for (const u of users) {
    const name = `${u.first_name} ${u.last_name}`.trim();
    owners.set(u.id, {
      name: name === '' ? null : name,
      email: u.email,
      studio: u.role === 'owner' || u.role === 'assistant',
    });
  }
  return owners;
}

/** {@link ownersOf} for rows of any studios, each person seen with their role in the row's. */
export async function ownersOfRows<R extends { account_id: string }>(
  db: Kysely<Database>,
  rows: readonly R[],
  keyOf: (row: R) => string,
): Promise<Map<string, OwnerDetails>> {
  const owners = new Map<string, OwnerDetails>();
  for (const accountId of new Set(rows.map((r) => r.account_id))) {
    const keys = rows.filter((r) => r.account_id === accountId).map(keyOf);
    for (const [key, owner] of await ownersOf(db, accountId, keys)) owners.set(key, owner);
  }
  return owners;
}

/** The owner of `key`, or an owner of no name. */
export function ownerOf(owners: ReadonlyMap<string, OwnerDetails>, key: string): OwnerDetails {
  return owners.get(key) ?? NO_OWNER;
}

/**
 * Whether a favorited photo is in its list's selection: what the list's owner can see of it,
 * ready and not hidden (the photo store's rule for what a client counts) in a gallery that is
 * not private. Limits, counts and exports all go by this.
 */
export function inSelection(
  eb: ExpressionBuilder<Database, 'photos' | 'galleries'>,
): Expression<SqlBool> {
  return eb.and([countedPhoto(eb, true), eb('galleries.private', '=', 0)]);
}

/** How many photos of each list are in its selection, in one query for any number of lists. */
export async function selectionCounts(
  db: Kysely<Database>,
  listIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (listIds.length === 0) return counts;
  const rows = await db
    .selectFrom('photo_favorites as f')
    .innerJoin('photos', 'photos.id', 'f.photo_id')
    .innerJoin('galleries', 'galleries.id', 'photos.gallery_id')
    .select((eb) => ['f.list_id', eb.fn.countAll<number>().as('n')])
    .where('f.list_id', 'in', [...listIds])
    .where(inSelection)
    .groupBy('f.list_id')
    .execute();
  for (const row of rows) counts.set(row.list_id, Number(row.n));
  return counts;
}

/** Lists with their counts and owners, in three queries for any number of rows. */
export async function listViews(
  db: Kysely<Database>,
  rows: readonly Selectable<FavoriteListsTable>[],
): Promise<FavoriteListView[]> {
  const counts = await selectionCounts(
    db,
    rows.map((r) => r.id),
  );
  const owners = await ownersOfRows(db, rows, (r) => r.owner_key);
  return rows.map((row) => ({
    ...listRecord(row),
    photoCount: counts.get(row.id) ?? 0,
    owner: ownerOf(owners, row.owner_key),
  }));
}

/** One list as a view, or `null`. */
export async function findListView(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<FavoriteListView | null> {
  const row = await db
    .selectFrom('favorite_lists')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const [view] = await listViews(db, [row]);
  return view ?? null;
}
