import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AccountRecord, AccountStore } from '../ports/account-store.js';
import type { AccountsTable, Database } from './schema.js';

function toRecord(row: Selectable<AccountsTable>): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    subdomain: row.subdomain,
    plan: row.plan,
    timezone: row.timezone,
    currency: row.currency,
    locale: row.locale,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** The row of a new account; a completed sign-up inserts one in its own transaction. */
export function accountRow(a: AccountRecord): Insertable<AccountsTable> {
  return {
    id: a.id,
    name: a.name,
    subdomain: a.subdomain,
    plan: a.plan,
    timezone: a.timezone,
    currency: a.currency,
    locale: a.locale,
    created_at: a.createdAt.getTime(),
  };
}

/** Accounts in SQL. */
export function sqlAccountStore(db: Kysely<Database>): AccountStore {
  return {
    async create(a) {
      await db.insertInto('accounts').values(accountRow(a)).execute();
    },
    async findById(id) {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findFirst() {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
  };
}
