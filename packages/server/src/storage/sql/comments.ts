import type { Kysely, Selectable } from 'kysely';
import type { CommentRecord, CommentStore, CommentView } from '../ports/comment-store.js';
import { ownerOf, ownersOfRows } from './favorite-views.js';
import type { Database, PhotoCommentsTable } from './schema.js';

function toRecord(row: Selectable<PhotoCommentsTable>): CommentRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    photoId: Number(row.photo_id),
    authorKey: row.author_key,
    fromStudio: Number(row.from_studio) === 1,
    text: row.text,
    createdAt: new Date(Number(row.created_at)),
  };
}

async function views(
  db: Kysely<Database>,
  rows: readonly Selectable<PhotoCommentsTable>[],
): Promise<CommentView[]> {
  const owners = await ownersOfRows(db, rows, (r) => r.author_key);
  return rows.map((row) => ({ ...toRecord(row), author: ownerOf(owners, row.author_key) }));
}

/** Comments in `photo_comments`. */
export function sqlCommentStore(db: Kysely<Database>): CommentStore {
  async function find(accountId: string, id: string): Promise<CommentView | null> {
    const row = await db
      .selectFrom('photo_comments')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const [view] = await views(db, [row]);
    return view ?? null;
  }

  return {
    async create(c) {
      await db
        .insertInto('photo_comments')
        .values({
          id: c.id,
          account_id: c.accountId,
          collection_id: c.collectionId,
          photo_id: c.photoId,
          author_key: c.authorKey,
          from_studio: c.fromStudio ? 1 : 0,
          text: c.text,
          created_at: c.createdAt.getTime(),
        })
        .execute();
      const created = await find(c.accountId, c.id);
      if (!created) throw new Error(`The comment ${c.id} was not stored`);
      return created;
    },

    find,

    async listForPhoto(accountId, photoId, { readerKey, offset, limit }) {
      let base = db
        .selectFrom('photo_comments')
        .where('account_id', '=', accountId)
        .where('photo_id', '=', photoId);
      if (readerKey !== undefined) {
        base = base.where((eb) =>
          eb.or([eb('from_studio', '=', 1), eb('author_key', '=', readerKey)]),
        );
      }
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const rows = await base
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute();
      return { items: await views(db, rows), total: Number(total?.n ?? 0) };
    },

    async delete(accountId, id) {
      const result = await db
        .deleteFrom('photo_comments')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
