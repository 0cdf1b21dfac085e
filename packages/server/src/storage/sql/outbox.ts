import type { MailTransport, MessageKind, MessageStatus } from '@proofsheet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { OutboxRecord, OutboxStore } from '../ports/outbox-store.js';
import type { Database, OutboxMessagesTable } from './schema.js';

function toRecord(row: Selectable<OutboxMessagesTable>): OutboxRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind as MessageKind,
    to: row.to_address,
    from: row.from_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status as MessageStatus,
    transport: row.transport as MailTransport,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
    sentAt: row.sent_at === null ? null : new Date(Number(row.sent_at)),
  };
}

/** The outbox in SQL. */
export function sqlOutboxStore(db: Kysely<Database>): OutboxStore {
  return {
    async create(m) {
      await db
        .insertInto('outbox_messages')
        .values({
          id: m.id,
          account_id: m.accountId,
          kind: m.kind,
          to_address: m.to,
          from_address: m.from,
          subject: m.subject,
          text_body: m.text,
          html_body: m.html,
          status: m.status,
          transport: m.transport,
          attempts: m.attempts,
          last_error: m.lastError,
          created_at: m.createdAt.getTime(),
          updated_at: m.updatedAt.getTime(),
          sent_at: m.sentAt === null ? null : m.sentAt.getTime(),
        })
        .execute();
    },
    async findById(id) {
      const row = await db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async list(accountId, { offset, limit }) {
      const [rows, count] = await Promise.all([
        db
          .selectFrom('outbox_messages')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        db
          .selectFrom('outbox_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toRecord), total: Number(count.n) };
    },
    async listStranded(before, limit) {
      const rows = await db
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', '=', 'queued')
        .where('updated_at', '<=', before.getTime())
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async recordFailure(id, reason, at) {
      await db
        .updateTable('outbox_messages')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: reason,
          updated_at: at.getTime(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute();
    },
    async markSent(id, at, bodies) {
      await db
        .updateTable('outbox_messages')
        .set((eb) => ({
          status: 'sent',
          attempts: eb('attempts', '+', 1),
          text_body: bodies.text,
          html_body: bodies.html,
          sent_at: at.getTime(),
          updated_at: at.getTime(),
        }))
        .where('id', '=', id)
        .execute();
    },
    async markFailed(id, reason, at) {
      // A message delivered meanwhile (a late success of another attempt) stays sent.
      await db
        .updateTable('outbox_messages')
        .set({ status: 'failed', last_error: reason, updated_at: at.getTime() })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute();
    },
  };
}
