import type { Role } from '@proofsheet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { UserRecord, UserStore } from '../ports/user-store.js';
import { isUniqueViolation } from './errors.js';
import type { Database, UsersTable } from './schema.js';

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** Users in SQL. Emails are unique case-insensitively through `email_key`. */
export function sqlUserStore(db: Kysely<Database>): UserStore {
  return {
    async create(u) {
      try {
        await db
          .insertInto('users')
          .values({
            id: u.id,
            account_id: u.accountId,
            email: u.email,
            email_key: u.email.toLowerCase(),
            first_name: u.firstName,
            last_name: u.lastName,
            role: u.role,
            password_hash: u.passwordHash,
            created_at: u.createdAt.getTime(),
          })
          .execute();
        return u;
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email_key', '=', email.toLowerCase())
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findByEmails(accountId, emails) {
      if (emails.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where(
          'email_key',
          'in',
          emails.map((e) => e.toLowerCase()),
        )
        .execute();
      return rows.map(toRecord);
    },
    async updatePasswordHash(id, passwordHash) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', id)
        .execute();
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
