import type { Kysely, Selectable } from 'kysely';
import type {
  VisitorRecord,
  VisitorSessionRecord,
  VisitorStore,
  VisitRecord,
} from '../ports/visitor-store.js';
import type { Database, VisitorSessionsTable, VisitorsTable } from './schema.js';
import { toShareLink } from './share-links.js';

function toVisitor(row: Selectable<VisitorsTable>): VisitorRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    email: row.email,
    firstVisitedAt: new Date(Number(row.first_visited_at)),
    lastVisitedAt: new Date(Number(row.last_visited_at)),
    lastSeenAt: new Date(Number(row.last_seen_at)),
    visits: Number(row.visits),
  };
}

function toSession(row: Selectable<VisitorSessionsTable>): VisitorSessionRecord {
  return {
    tokenHash: row.token_hash,
    visitorId: row.visitor_id,
    linkId: row.link_id,
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    passwordStamp: row.password_stamp,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    lastSeenAt: new Date(Number(row.last_seen_at)),
  };
}

/** Visitors and their sessions in SQL. */
export function sqlVisitorStore(db: Kysely<Database>): VisitorStore {
  return {
    async enter(entry) {
      const at = entry.at.getTime();
      const emailKey = entry.email.toLowerCase();
      return db.transaction().execute(async (trx) => {
        // Counting the visit on the link's row first: a link revoked meanwhile has no row,
        // and the entry stops here with nothing written.
        const counted = await trx
          .updateTable('share_links')
          .set((eb) => ({ visits: eb('visits', '+', 1), last_visited_at: at }))
          .where('id', '=', entry.linkId)
          .where('account_id', '=', entry.accountId)
          .where('collection_id', '=', entry.collectionId)
          .executeTakeFirst();
        if (Number(counted.numUpdatedRows) === 0) return null;
        await trx
          .insertInto('visitors')
          .values({
            id: entry.newVisitorId,
            account_id: entry.accountId,
            collection_id: entry.collectionId,
            email: entry.email,
            email_key: emailKey,
            first_visited_at: at,
            last_visited_at: at,
            last_seen_at: at,
            visits: 1,
          })
          // One visitor per address and collection, whichever link, whatever the case.
          .onConflict((oc) =>
            oc.columns(['collection_id', 'email_key']).doUpdateSet((eb) => ({
              visits: eb('visitors.visits', '+', 1),
              last_visited_at: at,
              last_seen_at: at,
            })),
          )
          .execute();
        const visitor = await trx
          .selectFrom('visitors')
          .selectAll()
          .where('collection_id', '=', entry.collectionId)
          .where('email_key', '=', emailKey)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('share_link_visitors')
          .values({ link_id: entry.linkId, visitor_id: visitor.id, visits: 1 })
          .onConflict((oc) =>
            oc.columns(['link_id', 'visitor_id']).doUpdateSet((eb) => ({
              visits: eb('share_link_visitors.visits', '+', 1),
            })),
          )
          .execute();
        if (entry.replaces !== undefined) {
          await trx
            .deleteFrom('visitor_sessions')
            .where('token_hash', '=', entry.replaces)
            .execute();
        }
        await trx
          .insertInto('visitor_sessions')
          .values({
            token_hash: entry.session.tokenHash,
            visitor_id: visitor.id,
            link_id: entry.linkId,
            account_id: entry.accountId,
            collection_id: entry.collectionId,
            password_stamp: entry.session.passwordStamp,
            created_at: at,
            expires_at: entry.session.expiresAt.getTime(),
            last_seen_at: at,
          })
          .execute();
        return toVisitor(visitor);
      });
    },

    async resolve(tokenHash) {
      // One query per request: the session, and its link, visitor and collection as they are
      // now. The inner joins make a revoked link or a deleted collection resolve to nothing.
      const row = await db
        .selectFrom('visitor_sessions as s')
        .innerJoin('share_links as l', (join) =>
          join.onRef('l.id', '=', 's.link_id').onRef('l.collection_id', '=', 's.collection_id'),
        )
        .innerJoin('visitors as v', 'v.id', 's.visitor_id')
        .innerJoin('collections as c', (join) =>
          join.onRef('c.id', '=', 's.collection_id').onRef('c.account_id', '=', 's.account_id'),
        )
        .selectAll('s')
        .select([
          'l.id as l_id',
          'l.account_id as l_account_id',
          'l.collection_id as l_collection_id',
          'l.token_hash as l_token_hash',
          'l.password_hash as l_password_hash',
          'l.downloads as l_downloads',
          'l.gallery_ids as l_gallery_ids',
          'l.photo_id as l_photo_id',
          'l.expires_at as l_expires_at',
          'l.visits as l_visits',
          'l.last_visited_at as l_last_visited_at',
          'l.created_by as l_created_by',
          'l.created_at as l_created_at',
          'v.email as v_email',
          'v.first_visited_at as v_first_visited_at',
          'v.last_visited_at as v_last_visited_at',
          'v.last_seen_at as v_last_seen_at',
          'v.visits as v_visits',
          'c.password_protected as c_password_protected',
          'c.password_hash as c_password_hash',
        ])
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      const session = toSession(row);
      const visit: VisitRecord = {
        session,
        visitor: toVisitor({
          id: row.visitor_id,
          account_id: row.account_id,
          collection_id: row.collection_id,
          email: row.v_email,
          email_key: row.v_email.toLowerCase(),
          first_visited_at: row.v_first_visited_at,
          last_visited_at: row.v_last_visited_at,
          last_seen_at: row.v_last_seen_at,
          visits: row.v_visits,
        }),
        link: toShareLink({
          id: row.l_id,
          account_id: row.l_account_id,
          collection_id: row.l_collection_id,
          token_hash: row.l_token_hash,
          password_hash: row.l_password_hash,
          downloads: row.l_downloads,
          gallery_ids: row.l_gallery_ids,
          photo_id: row.l_photo_id,
          expires_at: row.l_expires_at,
          visits: row.l_visits,
          last_visited_at: row.l_last_visited_at,
          created_by: row.l_created_by,
          created_at: row.l_created_at,
        }),
        collection: {
          passwordProtected: Number(row.c_password_protected) === 1,
          passwordHash: row.c_password_hash,
        },
      };
      return visit;
    },

    async touch(tokenHash, visitorId, at) {
      const ms = at.getTime();
      await db
        .updateTable('visitor_sessions')
        .set({ last_seen_at: ms })
        .where('token_hash', '=', tokenHash)
        .execute();
      await db
        .updateTable('visitors')
        .set({ last_seen_at: ms })
        .where('id', '=', visitorId)
        .where('last_seen_at', '<', ms)
        .execute();
    },

    async endSession(tokenHash) {
      await db.deleteFrom('visitor_sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteExpiredSessions(now) {
      const result = await db
        .deleteFrom('visitor_sessions')
        .where('expires_at', '<=', now.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async listForCollection(accountId, collectionId, { offset, limit }) {
      const query = db
        .selectFrom('visitors')
        .where('account_id', '=', accountId)
        .where('collection_id', '=', collectionId);
      const rows = await query
        .selectAll()
        .orderBy('last_visited_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      const count = await query
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toVisitor), total: Number(count.n) };
    },
  };
}
