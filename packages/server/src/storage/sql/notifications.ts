import type { NotificationType } from '@proofsheet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { NotificationRecord, NotificationStore } from '../ports/notification-store.js';
import type { Database, NotificationsTable } from './schema.js';

function toRecord(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.type as NotificationType,
    title: row.title,
    message: row.message,
    subject: JSON.parse(row.subject) as Record<string, string | number>,
    readAt: row.read_at === null ? null : new Date(Number(row.read_at)),
    createdAt: new Date(Number(row.created_at)),
  };
}

/** Notifications in SQL. The subject is JSON text. */
export function sqlNotificationStore(db: Kysely<Database>): NotificationStore {
  async function countFor(accountId: string, unreadOnly: boolean): Promise<number> {
    let query = db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId);
    if (unreadOnly) query = query.where('read_at', 'is', null);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    async create(n) {
      await db
        .insertInto('notifications')
        .values({
          id: n.id,
          account_id: n.accountId,
          type: n.type,
          title: n.title,
          message: n.message,
          subject: JSON.stringify(n.subject),
          read_at: n.readAt === null ? null : n.readAt.getTime(),
          created_at: n.createdAt.getTime(),
        })
        .execute();
    },
    async list(accountId, { unreadOnly, limit }) {
      let query = db.selectFrom('notifications').selectAll().where('account_id', '=', accountId);
      if (unreadOnly) query = query.where('read_at', 'is', null);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const [total, unread] = await Promise.all([
        countFor(accountId, unreadOnly),
        countFor(accountId, true),
      ]);
      return { items: rows.map(toRecord), total, unread };
    },
    async markRead(accountId, id, at) {
      // Only the first read sets `read_at`: reading again does not move it.
      await db
        .updateTable('notifications')
        .set({ read_at: at.getTime() })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('read_at', 'is', null)
        .execute();
      const row = await db
        .selectFrom('notifications')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async markAllRead(accountId, at) {
      const result = await db
        .updateTable('notifications')
        .set({ read_at: at.getTime() })
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
