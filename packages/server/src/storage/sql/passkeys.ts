import type { Kysely, Selectable } from 'kysely';
import type {
  PasskeyChallengePurpose,
  PasskeyChallengeRecord,
  PasskeyRecord,
  PasskeyStore,
} from '../ports/passkey-store.js';
import type { Database, PasskeyChallengesTable, PasskeysTable } from './schema.js';

function transportsOf(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}

function toPasskey(row: Selectable<PasskeysTable>): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    accountId: row.account_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: transportsOf(row.transports),
    name: row.name,
    backedUp: Number(row.backed_up) === 1,
    createdAt: new Date(Number(row.created_at)),
    lastUsedAt: row.last_used_at === null ? null : new Date(Number(row.last_used_at)),
  };
}

function toChallenge(row: Selectable<PasskeyChallengesTable>): PasskeyChallengeRecord {
  return {
    challengeHash: row.challenge_hash,
    purpose: row.purpose as PasskeyChallengePurpose,
    userId: row.user_id,
    mfaTokenHash: row.mfa_token_hash,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
  };
}

/** Passkeys in SQL; see {@link PasskeyStore}. */
export function sqlPasskeyStore(db: Kysely<Database>): PasskeyStore {
  return {
    async create(p) {
      const result = await db
        .insertInto('passkeys')
        .values({
          id: p.id,
          user_id: p.userId,
          account_id: p.accountId,
          credential_id: p.credentialId,
          public_key: p.publicKey,
          counter: p.counter,
          transports: JSON.stringify(p.transports),
          name: p.name,
          backed_up: p.backedUp ? 1 : 0,
          created_at: p.createdAt.getTime(),
          last_used_at: p.lastUsedAt?.getTime() ?? null,
        })
        .onConflict((oc) => oc.column('credential_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPasskey);
    },
    async countForUser(userId) {
      const row = await db
        .selectFrom('passkeys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findByCredentialId(credentialId) {
      const row = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return row ? toPasskey(row) : null;
    },
    async rename(userId, id, name) {
      const row = await db
        .updateTable('passkeys')
        .set({ name })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
      return row ? toPasskey(row) : null;
    },
    async remove(userId, id) {
      const result = await db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async recordUse(id, from, to, now) {
      // Compare-and-set on the counter: a signature replayed in parallel moves it once.
      const result = await db
        .updateTable('passkeys')
        .set({ counter: to, last_used_at: now.getTime() })
        .where('id', '=', id)
        .where('counter', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async createChallenge(c) {
      await db
        .insertInto('passkey_challenges')
        .values({
          challenge_hash: c.challengeHash,
          purpose: c.purpose,
          user_id: c.userId,
          mfa_token_hash: c.mfaTokenHash,
          created_at: c.createdAt.getTime(),
          expires_at: c.expiresAt.getTime(),
        })
        .execute();
    },
    async consumeChallenge(challengeHash, now) {
      // Deleted whether expired or not; only the one delete that found it may use it.
      const row = await db
        .deleteFrom('passkey_challenges')
        .where('challenge_hash', '=', challengeHash)
        .returningAll()
        .executeTakeFirst();
      if (!row || Number(row.expires_at) <= now.getTime()) return null;
      return toChallenge(row);
    },
    async deleteExpiredChallenges(before) {
      const result = await db
        .deleteFrom('passkey_challenges')
        .where('expires_at', '<=', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
