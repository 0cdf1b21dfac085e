import type { AuditDetail, AuditEventType } from '@proofsheet/protocol';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type {
  AuditEventFilter,
  AuditEventRecord,
  AuditStore,
  ListedAuditEvent,
} from '../ports/audit-store.js';
import type { AuditEventsTable, Database } from './schema.js';

/** The stored detail; a row that somehow holds no object reads as no detail, not a crash. */
function parseDetail(text: string): AuditDetail {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as AuditDetail)
      : {};
  } catch {
    return {};
  }
}

function toListed(row: AuditEventsTable & { user_email: string | null }): ListedAuditEvent {
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.type as AuditEventType,
    userId: row.user_id,
    actorId: row.actor_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: parseDetail(row.detail),
    createdAt: new Date(Number(row.created_at)),
    userEmail: row.user_email,
  };
}

/** The account's rows that pass the filter; the same for the page and for its count. */
function filtered<O>(
  query: SelectQueryBuilder<Database, 'audit_events', O>,
  accountId: string,
  filter: AuditEventFilter,
): SelectQueryBuilder<Database, 'audit_events', O> {
  let q = query.where('audit_events.account_id', '=', accountId);
  if (filter.types !== null) {
    // No type at all matches nothing, as an empty `IN ()` would (which SQL cannot say).
    if (filter.types.length === 0) return q.where((eb) => eb.val(1), '=', 0);
    q = q.where('audit_events.type', 'in', [...filter.types]);
  }
  if (filter.userId !== null) q = q.where('audit_events.user_id', '=', filter.userId);
  if (filter.since !== null) q = q.where('audit_events.created_at', '>=', filter.since.getTime());
  if (filter.until !== null) q = q.where('audit_events.created_at', '<', filter.until.getTime());
  return q;
}

/** The audit log in SQL. */
export function sqlAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async record(e: AuditEventRecord) {
      await db
        .insertInto('audit_events')
        .values({
          id: e.id,
          account_id: e.accountId,
          type: e.type,
          user_id: e.userId,
          actor_id: e.actorId,
          ip: e.ip,
          user_agent: e.userAgent,
          detail: JSON.stringify(e.detail),
          created_at: e.createdAt.getTime(),
        })
        .execute();
    },
    async list(accountId, { offset, limit }, filter) {
      const [rows, count] = await Promise.all([
        filtered(db.selectFrom('audit_events'), accountId, filter)
          .leftJoin('users', 'users.id', 'audit_events.user_id')
          .selectAll('audit_events')
          .select('users.email as user_email')
          .orderBy('audit_events.created_at', 'desc')
          .orderBy('audit_events.id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        filtered(db.selectFrom('audit_events'), accountId, filter)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toListed), total: Number(count.n) };
    },
    async deleteOlderThan(date) {
      const result = await db
        .deleteFrom('audit_events')
        .where('created_at', '<', date.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
