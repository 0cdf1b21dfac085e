/**
 * A version per account that moves on with every write to its clients, in the write's own
 * transaction. Caches in front of a database that other instances also write (PostgreSQL)
 * read it to tell whether what they hold is still current: one primary-key read instead of a
 * count and a page query.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Moves the account's client version on, within `trx`. */
export async function bumpClientVersion(
  trx: Transaction<Database>,
  accountId: string,
): Promise<void> {
  await trx
    .insertInto('client_versions')
    .values({ account_id: accountId, version: 1 })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet((eb) => ({ version: eb('client_versions.version', '+', 1) })),
    )
    .execute();
}

/** Rolls back a client write that found no row. */
class NothingWritten extends Error {}

/**
 * Runs a write to one of `accountId`'s clients in a transaction that moves the version on
 * first, as every client write does, and rolls it all back when `write` finds no row and
 * returns null: a refused update or delete changes nothing, not even the version, so that it
 * does not empty every instance's cached lists of the account.
 */
export async function clientWrite<T>(
  db: Kysely<Database>,
  accountId: string,
  write: (trx: Transaction<Database>) => Promise<T | null>,
): Promise<T | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      await bumpClientVersion(trx, accountId);
      const result = await write(trx);
      if (result === null) throw new NothingWritten();
      return result;
    });
  } catch (error) {
    if (error instanceof NothingWritten) return null;
    throw error;
  }
}

/** The account's client version: 0 before its first client write. */
export async function readClientVersion(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('client_versions')
    .select('version')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}
