import type { Role } from '@proofsheet/protocol';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { MemberChange, UserRecord, UserStore } from '../ports/user-store.js';
import { isUniqueViolation } from './errors.js';
import type { Database, UsersTable } from './schema.js';

/** A user row as the stores return it. */
export function toUserRecord(row: Selectable<UsersTable>): UserRecord {
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

/**
 * The row of a new user. No user exists unverified: each is made once its address is shown to
 * be theirs (the link of a sign-up or invitation was opened) or the operator vouched for it.
 */
function userRow(u: UserRecord): Insertable<UsersTable> {
  return {
    id: u.id,
    account_id: u.accountId,
    email: u.email,
    email_key: u.email.toLowerCase(),
    first_name: u.firstName,
    last_name: u.lastName,
    role: u.role,
    password_hash: u.passwordHash,
    created_at: u.createdAt.getTime(),
    disabled_at: null,
    email_verified_at: u.createdAt.getTime(),
  };
}

/** Thrown inside a transaction to roll it back: a user has the address already. */
export class EmailTaken extends Error {}

/**
 * Inserts a new user: the one way a user row is made (`UserStore.create`, an accepted
 * invitation, a completed sign-up, each in its own transaction), so that whatever else a new
 * user needs is written here once. Returns false when the address is taken; inside a
 * transaction the caller must then roll back (PostgreSQL has aborted it).
 */
export async function insertUser(db: Kysely<Database>, u: UserRecord): Promise<boolean> {
  try {
    await db.insertInto('users').values(userRow(u)).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Runs `change` on the account's active user `userId` with the account's owners counted, in a
 * transaction that first writes the account's row: on PostgreSQL that row lock queues every
 * other member change of the account behind this one, so two owners demoting each other at
 * once cannot both see the other still an owner (SQLite has one writer anyway). Returns the
 * user as they were, or why nothing changed.
 */
function changeMember(
  db: Kysely<Database>,
  accountId: string,
  userId: string,
  leavesOwner: (user: UserRecord) => boolean,
  change: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<MemberChange> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set((eb) => ({ id: eb.ref('id') }))
      .where('id', '=', accountId)
      .execute();
    const row = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .where('account_id', '=', accountId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'not_found' } as const;
    const user = toUserRecord(row);
    if (user.role === 'owner' && !leavesOwner(user)) {
      const others = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('role', '=', 'owner')
        .where('disabled_at', 'is', null)
        .where('id', '!=', userId)
        .executeTakeFirstOrThrow();
      if (Number(others.n) === 0) return { ok: false, reason: 'last_owner' } as const;
    }
    await change(trx);
    return { ok: true, user, previousRole: user.role } as const;
  });
}

/**
 * Users in SQL. Emails are unique case-insensitively through `email_key`; a removed user's
 * key becomes `removed:<id>`, which frees the address and matches no email.
 */
export function sqlUserStore(db: Kysely<Database>): UserStore {
  const active = () => db.selectFrom('users').selectAll().where('disabled_at', 'is', null);
  return {
    async create(u) {
      return (await insertUser(db, u)) ? u : null;
    },
    async findById(id) {
      const row = await active().where('id', '=', id).executeTakeFirst();
      return row ? toUserRecord(row) : null;
    },
    async findByEmail(email) {
      const row = await active().where('email_key', '=', email.toLowerCase()).executeTakeFirst();
      return row ? toUserRecord(row) : null;
    },
    async findByEmails(accountId, emails) {
      if (emails.length === 0) return [];
      const rows = await active()
        .where('account_id', '=', accountId)
        .where(
          'email_key',
          'in',
          emails.map((e) => e.toLowerCase()),
        )
        .execute();
      return rows.map(toUserRecord);
    },
    async listByAccount(accountId, { offset, limit }) {
      const [rows, count] = await Promise.all([
        active()
          .where('account_id', '=', accountId)
          .orderBy('created_at', 'asc')
          .orderBy('id', 'asc')
          .limit(limit)
          .offset(offset)
          .execute(),
        db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', accountId)
          .where('disabled_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toUserRecord), total: Number(count.n) };
    },
    async updateRole(accountId, userId, role) {
      const result = await changeMember(
        db,
        accountId,
        userId,
        () => role === 'owner',
        (trx) =>
          trx
            .updateTable('users')
            .set({ role })
            .where('id', '=', userId)
            .where('account_id', '=', accountId)
            .execute(),
      );
      return result.ok ? { ...result, user: { ...result.user, role } } : result;
    },
    remove(accountId, userId, now) {
      return changeMember(
        db,
        accountId,
        userId,
        () => false,
        (trx) =>
          trx
            .updateTable('users')
            // The address is free again (to invite back); the row stays for what names it.
            .set({ disabled_at: now.getTime(), email_key: `removed:${userId}` })
            .where('id', '=', userId)
            .where('account_id', '=', accountId)
            .execute(),
      );
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
