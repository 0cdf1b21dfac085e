import type { Role } from '@proofsheet/protocol';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { MemberChange, UserRecord, UserStore } from '../ports/user-store.js';
import { isUniqueViolation } from './errors.js';
import type { Database, MembershipsTable, UsersTable } from './schema.js';

/** A user row with the role of the membership it was joined to. */
type MemberRow = Selectable<UsersTable> & { member_account_id: string; role: string };

function toRecord(row: MemberRow): UserRecord {
  return {
    id: row.id,
    accountId: row.member_account_id,
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
    password_hash: u.passwordHash,
    created_at: u.createdAt.getTime(),
    disabled_at: null,
    email_verified_at: u.createdAt.getTime(),
  };
}

/** The membership row that makes a new user a member of their first studio (see insertUser). */
function firstMembershipRow(u: UserRecord): Insertable<MembershipsTable> {
  return {
    account_id: u.accountId,
    user_id: u.id,
    role: u.role,
    created_at: u.createdAt.getTime(),
  };
}

/** Active users, each joined to their membership of `account` (or of their default studio). */
function members(db: Kysely<Database> | Transaction<Database>, account?: string) {
  return db
    .selectFrom('users')
    .innerJoin('memberships as m', (j) =>
      account === undefined
        ? j.onRef('m.user_id', '=', 'users.id').onRef('m.account_id', '=', 'users.account_id')
        : j.onRef('m.user_id', '=', 'users.id').on('m.account_id', '=', account),
    )
    .selectAll('users')
    .select(['m.account_id as member_account_id', 'm.role'])
    .where('users.disabled_at', 'is', null);
}

/** The active user `userId` as a member of `accountId`, read in `db` (or a transaction). */
export async function findMemberIn(
  db: Kysely<Database> | Transaction<Database>,
  accountId: string,
  userId: string,
): Promise<UserRecord | null> {
  const row = await members(db, accountId).where('users.id', '=', userId).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** The active user `userId` as a member of the studio a sign-in opens, read in `db`. */
export async function findUserIn(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
): Promise<UserRecord | null> {
  const row = await members(db).where('users.id', '=', userId).executeTakeFirst();
  return row ? toRecord(row) : null;
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
    // The new user is a member of their first studio, with their role there.
    await db.insertInto('memberships').values(firstMembershipRow(u)).execute();
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
    const row = await members(trx, accountId).where('users.id', '=', userId).executeTakeFirst();
    if (!row) return { ok: false, reason: 'not_found' } as const;
    const user = toRecord(row);
    if (user.role === 'owner' && !leavesOwner(user)) {
      const others = await members(trx, accountId)
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('m.role', '=', 'owner')
        .where('users.id', '!=', userId)
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
  return {
    async create(u) {
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await insertUser(trx, u))) throw new EmailTaken();
        });
        return u;
      } catch (error) {
        if (error instanceof EmailTaken) return null;
        throw error;
      }
    },
    findById(id) {
      return findUserIn(db, id);
    },
    findMember(accountId, userId) {
      return findMemberIn(db, accountId, userId);
    },
    async findByEmail(email) {
      const row = await members(db)
        .where('users.email_key', '=', email.toLowerCase())
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findByEmails(accountId, emails) {
      if (emails.length === 0) return [];
      const rows = await members(db, accountId)
        .where(
          'users.email_key',
          'in',
          emails.map((e) => e.toLowerCase()),
        )
        .execute();
      return rows.map(toRecord);
    },
    async listByAccount(accountId, { offset, limit }) {
      const [rows, count] = await Promise.all([
        members(db, accountId)
          .orderBy('m.created_at', 'asc')
          .orderBy('users.id', 'asc')
          .limit(limit)
          .offset(offset)
          .execute(),
        members(db, accountId)
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toRecord), total: Number(count.n) };
    },
    async updateRole(accountId, userId, role) {
      const result = await changeMember(
        db,
        accountId,
        userId,
        () => role === 'owner',
        (trx) =>
          trx
            .updateTable('memberships')
            .set({ role })
            .where('user_id', '=', userId)
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
        async (trx) => {
          await trx
            .deleteFrom('memberships')
            .where('user_id', '=', userId)
            .where('account_id', '=', accountId)
            .execute();
          const next = await trx
            .selectFrom('memberships')
            .select('account_id')
            .where('user_id', '=', userId)
            .orderBy('created_at', 'asc')
            .orderBy('account_id', 'asc')
            .executeTakeFirst();
          await trx
            .updateTable('users')
            .set(
              next
                ? // Still in other studios: a new sign-in opens one of those.
                  { account_id: next.account_id }
                : // The address is free again (to invite back); the row stays for what names it.
                  { disabled_at: now.getTime(), email_key: `removed:${userId}` },
            )
            .where('id', '=', userId)
            .execute();
        },
      );
    },
    async addMembership(accountId, userId, role, now) {
      const inserted = await db
        .insertInto('memberships')
        .values({ account_id: accountId, user_id: userId, role, created_at: now.getTime() })
        .onConflict((oc) => oc.columns(['account_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async listMemberships(userId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.account_id', 'memberships.role', 'memberships.created_at'])
        .where('memberships.user_id', '=', userId)
        .where('users.disabled_at', 'is', null)
        .orderBy('memberships.created_at', 'asc')
        .orderBy('memberships.account_id', 'asc')
        .execute();
      return rows.map((r) => ({
        accountId: r.account_id,
        role: r.role as Role,
        createdAt: new Date(Number(r.created_at)),
      }));
    },
    async setDefaultAccount(userId, accountId) {
      await db
        .updateTable('users')
        .set({ account_id: accountId })
        .where('id', '=', userId)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('memberships')
              .select('memberships.user_id')
              .where('memberships.user_id', '=', userId)
              .where('memberships.account_id', '=', accountId),
          ),
        )
        .execute();
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
