import { type AddressInfo, type ClientType, NO_ADDRESS } from '@proofsheet/protocol';
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type { ClientQuery, ClientRecord, ClientStore } from '../ports.js';
import { containsLiteral } from './like.js';
import type { ClientsTable, Database } from './schema.js';

/** Every address key, null when absent, whatever an older row stored. */
function parseAddress(json: string): AddressInfo {
  const stored = JSON.parse(json) as Partial<AddressInfo>;
  return { ...NO_ADDRESS, ...stored };
}

/** The text that search matches: lower-cased names, email, company and phone. */
export function searchTextOf(
  c: Pick<ClientRecord, 'firstName' | 'lastName' | 'email' | 'company' | 'phone'>,
): string {
  return [c.firstName, c.lastName, c.email, c.company, c.phone]
    .filter((part): part is string => part !== null && part !== '')
    .join(' ')
    .toLowerCase();
}

function toRecord(row: Selectable<ClientsTable>): ClientRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    company: row.company,
    jobTitle: row.job_title,
    address: parseAddress(row.address),
    notes: row.notes,
    avatarColor: Number(row.avatar_color),
    status: Number(row.status) === 2 ? 2 : 1,
    type: row.type as ClientType,
    sample: Number(row.sample) === 1,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

function toRow(c: ClientRecord): ClientsTable {
  return {
    id: c.id,
    account_id: c.accountId,
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    phone: c.phone,
    company: c.company,
    job_title: c.jobTitle,
    address: JSON.stringify({ ...NO_ADDRESS, ...c.address }),
    notes: c.notes,
    avatar_color: c.avatarColor,
    status: c.status,
    type: c.type,
    sample: c.sample ? 1 : 0,
    search_text: searchTextOf(c),
    created_at: c.createdAt.getTime(),
    updated_at: c.updatedAt.getTime(),
  };
}

/** Search terms: each word must appear somewhere, so "ada love" finds Ada Lovelace. */
function searchTerms(search: string | undefined): string[] {
  if (search === undefined) return [];
  return search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** The filter of a query, shared by the page and the count so they always agree. */
function matching(query: ClientQuery) {
  const terms = searchTerms(query.search);
  return (eb: ExpressionBuilder<Database, 'clients'>) => {
    const conditions: Expression<SqlBool>[] = [eb('account_id', '=', query.accountId)];
    if (query.types !== null) conditions.push(eb('type', 'in', [...query.types]));
    for (const term of terms) {
      conditions.push(containsLiteral('search_text', term));
    }
    return eb.and(conditions);
  };
}

/** Clients in SQL. Addresses are JSON text; `search_text` is kept in step on every write. */
export function sqlClientStore(db: Kysely<Database>): ClientStore {
  return {
    async create(client) {
      await db.insertInto('clients').values(toRow(client)).execute();
    },
    async createMany(clients) {
      if (clients.length === 0) return;
      await db.transaction().execute(async (trx) => {
        // 17 columns × 500 rows stays under both databases' limits on bound parameters.
        for (let start = 0; start < clients.length; start += 500) {
          const rows = clients.slice(start, start + 500).map(toRow);
          await trx.insertInto('clients').values(rows).execute();
        }
      });
    },
    async findById(accountId, id) {
      const row = await db
        .selectFrom('clients')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async list(query) {
      if (query.types !== null && query.types.length === 0) return { items: [], total: 0 };
      const where = matching(query);
      const rows = await db
        .selectFrom('clients')
        .selectAll()
        .where(where)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      if (query.total !== undefined) return { items: rows.map(toRecord), total: query.total };
      const count = await db
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(where)
        .executeTakeFirstOrThrow();
      return { items: rows.map(toRecord), total: Number(count.n) };
    },
    async update(accountId, id, changes) {
      // Read, merge and write in one transaction: `search_text` depends on fields the
      // change may not name, and must match the row that is written.
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('clients')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) return null;
        const next: ClientRecord = { ...toRecord(row), ...changes };
        const { id: _id, account_id: _account, created_at: _created, ...values } = toRow(next);
        await trx
          .updateTable('clients')
          .set(values)
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .execute();
        return next;
      });
    },
    async delete(accountId, id) {
      const result = await db
        .deleteFrom('clients')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
