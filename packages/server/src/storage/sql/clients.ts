import { type AddressInfo, type ClientType, NO_ADDRESS } from '@proofsheet/protocol';
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type { ClientQuery, ClientRecord, ClientStore } from '../ports/client-store.js';
import { CountChanges, countedClients } from './client-counts.js';
import { bumpClientVersion, clientWrite } from './client-versions.js';
import type { ClientsTable, Database } from './schema.js';
import {
  accountIs,
  containsEveryWord,
  type SubstringIndex,
  substringIndexOf,
} from './search-index.js';

/** Searches with at most this many matches page from the index's matches, not the account's. */
const FEW_MATCHES = 1000;

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
function matching(index: SubstringIndex, query: ClientQuery, fromMatches: boolean) {
  const terms = searchTerms(query.search);
  return (eb: ExpressionBuilder<Database, 'clients'>) => {
    const conditions: Expression<SqlBool>[] = [
      accountIs(index, query.accountId, terms, fromMatches),
    ];
    if (query.types !== null) conditions.push(eb('type', 'in', [...query.types]));
    conditions.push(...containsEveryWord(index, terms));
    return eb.and(conditions);
  };
}

/**
 * Clients in SQL. Addresses are JSON text; `search_text` is kept in step on every write, and
 * `client_counts` in the same transaction as every write that adds, removes or retypes one.
 * Every write also moves the account's `client_versions` row on, before anything else, so
 * that caches can tell their lists are current and writers always lock in one order.
 */
export function sqlClientStore(db: Kysely<Database>): ClientStore {
  const index = substringIndexOf(db);

  /** Kept totals without a search; with one, a count of the matches, found from the index. */
  async function countMatches(query: ClientQuery): Promise<number> {
    if (searchTerms(query.search).length === 0) {
      return countedClients(db, query.accountId, query.types);
    }
    const count = await db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(matching(index, query, true))
      .executeTakeFirstOrThrow();
    return Number(count.n);
  }

  return {
    async create(client) {
      await db.transaction().execute(async (trx) => {
        await bumpClientVersion(trx, client.accountId);
        await trx.insertInto('clients').values(toRow(client)).execute();
        await new CountChanges().add(client.accountId, client.type, 1).apply(trx);
      });
    },
    async createMany(clients) {
      if (clients.length === 0) return;
      const counts = new CountChanges();
      for (const c of clients) counts.add(c.accountId, c.type, 1);
      await db.transaction().execute(async (trx) => {
        for (const accountId of [...new Set(clients.map((c) => c.accountId))].sort()) {
          await bumpClientVersion(trx, accountId);
        }
        // 17 columns × 500 rows stays under both databases' limits on bound parameters.
        for (let start = 0; start < clients.length; start += 500) {
          const rows = clients.slice(start, start + 500).map(toRow);
          await trx.insertInto('clients').values(rows).execute();
        }
        await counts.apply(trx);
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
      // The total first: how many match decides how the page is best found.
      const total = query.total ?? (await countMatches(query));
      const where = matching(index, query, total <= FEW_MATCHES);
      // Ids first, then their rows: the OFFSET walk reads the (account, created, id) index
      // alone, and only the page's rows are fetched from the table.
      const pageIds = db
        .selectFrom('clients')
        .select('id')
        .where(where)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset);
      const rows = await db
        .selectFrom('clients')
        .selectAll()
        .where('id', 'in', pageIds)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return { items: rows.map(toRecord), total };
    },
    async update(accountId, id, changes) {
      // Read, merge and write in one transaction: `search_text` depends on fields the
      // change may not name, and must match the row that is written.
      // The version moves first, as in every client write: the first lock each one takes.
      return clientWrite(db, accountId, async (trx) => {
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
        if (next.type !== row.type) {
          const counts = new CountChanges().add(accountId, row.type, -1);
          await counts.add(accountId, next.type, 1).apply(trx);
        }
        return next;
      });
    },
    async delete(accountId, id) {
      const deleted = await clientWrite(db, accountId, async (trx) => {
        const row = await trx
          .deleteFrom('clients')
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .returning('type')
          .executeTakeFirst();
        if (row === undefined) return null;
        await new CountChanges().add(accountId, row.type, -1).apply(trx);
        return true;
      });
      return deleted === true;
    },
  };
}
