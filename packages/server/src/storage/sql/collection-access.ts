import type { Kysely } from 'kysely';
import type {
  CollectionAccessStore,
  CollectionPersonRecord,
} from '../ports/collection-access-store.js';
import type { Database } from './schema.js';

const nullableDate = (ms: number | string | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(Number(ms));

/** Who has access to collections, in SQL: shares, visitors, and `collection_access` times. */
export function sqlCollectionAccessStore(db: Kysely<Database>): CollectionAccessStore {
  return {
    async recordAccess(accountId, collectionId, ownerKey, at) {
      // Only for a collection of the account: another studio's ID records nothing.
      await db
        .insertInto('collection_access')
        .columns(['collection_id', 'owner_key', 'account_id', 'last_accessed_at'])
        .expression((eb) =>
          eb
            .selectFrom('collections')
            .select((s) => [
              'id',
              s.val(ownerKey).as('owner_key'),
              'account_id',
              s.val(at.getTime()).as('last_accessed_at'),
            ])
            .where('id', '=', collectionId)
            .where('account_id', '=', accountId),
        )
        .onConflict((oc) =>
          oc
            .columns(['collection_id', 'owner_key'])
            .doUpdateSet({ last_accessed_at: at.getTime() })
            .where('collection_access.account_id', '=', accountId),
        )
        .execute();
    },

    async peopleWithAccess(accountId, collectionId, now) {
      // Distinct photos: one photo in two of someone's lists is one favorite to the studio.
      const favorites = await db
        .selectFrom('photo_favorites as pf')
        .innerJoin('favorite_lists as fl', 'fl.id', 'pf.list_id')
        .select((eb) => ['pf.owner_key', eb.fn.count<number>('pf.photo_id').distinct().as('n')])
        .where('fl.account_id', '=', accountId)
        .where('fl.collection_id', '=', collectionId)
        .groupBy('pf.owner_key')
        .execute();
      const favoritesOf = (key: string) =>
        Number(favorites.find((f) => f.owner_key === key)?.n ?? 0);

      const clients = await db
        .selectFrom('collection_shares as cs')
        .innerJoin('collections as c', 'c.id', 'cs.collection_id')
        .innerJoin('users as u', 'u.id', 'cs.user_id')
        .leftJoin('collection_access as a', (join) =>
          join.onRef('a.collection_id', '=', 'cs.collection_id').onRef('a.owner_key', '=', 'u.id'),
        )
        .select(['u.id', 'u.email', 'u.first_name', 'u.last_name', 'a.last_accessed_at'])
        .where('c.account_id', '=', accountId)
        .where('cs.collection_id', '=', collectionId)
        .orderBy('u.email')
        .execute();
      const visitors = await db
        .selectFrom('visitors as v')
        .select(['v.id', 'v.email', 'v.last_seen_at'])
        .where('v.account_id', '=', accountId)
        .where('v.collection_id', '=', collectionId)
        // Still holding access: a session not expired. Revoking a link deletes its sessions.
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('visitor_sessions as s')
              .select('s.token_hash')
              .whereRef('s.visitor_id', '=', 'v.id')
              .where('s.expires_at', '>', now.getTime()),
          ),
        )
        .orderBy('v.email')
        .execute();

      const people: CollectionPersonRecord[] = [
        ...clients.map((u) => ({
          id: u.id,
          kind: 'client' as const,
          email: u.email,
          name: `${u.first_name} ${u.last_name}`.trim(),
          lastAccessedAt: nullableDate(u.last_accessed_at),
          favoritesCount: favoritesOf(u.id),
        })),
        ...visitors.map((v) => ({
          id: v.id,
          kind: 'visitor' as const,
          email: v.email,
          name: null,
          lastAccessedAt: nullableDate(v.last_seen_at),
          favoritesCount: favoritesOf(v.id),
        })),
      ];
      return people;
    },
  };
}
