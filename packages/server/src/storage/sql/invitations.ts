import type { InvitableRole, InvitationStatus } from '@proofsheet/protocol';
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type {
  InvitationRecord,
  InvitationRefusal,
  InvitationStore,
  Joiner,
} from '../ports/invitation-store.js';
import type { UserRecord } from '../ports/user-store.js';
import { isUniqueViolation } from './errors.js';
import type { Database, InvitationsTable } from './schema.js';
import { findMemberIn, insertUser } from './users.js';

function toRecord(row: Selectable<InvitationsTable>): InvitationRecord {
  const time = (value: number | null) => (value === null ? null : new Date(Number(value)));
  return {
    id: row.id,
    accountId: row.account_id,
    email: row.email,
    role: row.role as InvitableRole,
    firstName: row.first_name,
    lastName: row.last_name,
    tokenHash: row.token_hash,
    invitedBy: row.invited_by,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    acceptedAt: time(row.accepted_at),
    acceptedUserId: row.accepted_user_id,
    revokedAt: time(row.revoked_at),
  };
}

type Where = ExpressionBuilder<Database, 'invitations'>;

/** The condition of a status at `now`, as `invitationStatus` decides it. */
function hasStatus(status: InvitationStatus, now: number) {
  return (eb: Where) => {
    const open = eb.and([eb('accepted_at', 'is', null), eb('revoked_at', 'is', null)]);
    switch (status) {
      case 'accepted':
        return eb('accepted_at', 'is not', null);
      case 'revoked':
        return eb.and([eb('accepted_at', 'is', null), eb('revoked_at', 'is not', null)]);
      case 'expired':
        return eb.and([open, eb('expires_at', '<=', now)]);
      case 'pending':
        return eb.and([open, eb('expires_at', '>', now)]);
    }
  };
}

/** Thrown inside the accept transaction to roll it back (the link is not spent), saying why. */
class Refused extends Error {
  constructor(readonly reason: 'email_taken' | 'already_member' | 'user_gone') {
    super(reason);
  }
}

/**
 * Shares the collections that waited on the invitation with its new member, if they joined as
 * a gallery client (staff see every collection anyway); then the waiting rows go.
 */
async function shareInvited(
  trx: Transaction<Database>,
  invitation: InvitationRecord,
  userId: string,
): Promise<void> {
  if (invitation.role === 'gallery_client') {
    const waiting = await trx
      .selectFrom('invitation_shares')
      .innerJoin('collections', 'collections.id', 'invitation_shares.collection_id')
      .select('invitation_shares.collection_id')
      .where('invitation_shares.invitation_id', '=', invitation.id)
      .where('collections.account_id', '=', invitation.accountId)
      .execute();
    if (waiting.length > 0) {
      await trx
        .insertInto('collection_shares')
        .values(waiting.map((w) => ({ collection_id: Number(w.collection_id), user_id: userId })))
        .onConflict((oc) => oc.columns(['collection_id', 'user_id']).doNothing())
        .execute();
    }
  }
  await trx.deleteFrom('invitation_shares').where('invitation_id', '=', invitation.id).execute();
}

/** Makes the joiner a member of the invitation's studio, in the accept transaction. */
async function join(
  trx: Transaction<Database>,
  invitation: InvitationRecord,
  joiner: Joiner,
  at: number,
): Promise<UserRecord> {
  if (joiner.kind === 'new') {
    // Rolls the token's use back with the failed insert: the link is not spent.
    if (!(await insertUser(trx, joiner.user))) throw new Refused('email_taken');
    return joiner.user;
  }
  const inserted = await trx
    .insertInto('memberships')
    .values({
      account_id: invitation.accountId,
      user_id: joiner.userId,
      role: invitation.role,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(['account_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new Refused('already_member');
  // The studio they just joined is the one their sign-ins open, until they switch.
  await trx
    .updateTable('users')
    .set({ account_id: invitation.accountId })
    .where('id', '=', joiner.userId)
    .where('disabled_at', 'is', null)
    .execute();
  const member = await findMemberIn(trx, invitation.accountId, joiner.userId);
  if (!member) throw new Refused('user_gone');
  return member;
}

/** Invitations in SQL, tokens by hash. */
export function sqlInvitationStore(db: Kysely<Database>): InvitationStore {
  /** Renews the account's open invitation of the address, if there is one. */
  async function renew(i: InvitationRecord): Promise<InvitationRecord | null> {
    const row = await db
      .updateTable('invitations')
      .set({
        email: i.email,
        role: i.role,
        first_name: i.firstName,
        last_name: i.lastName,
        token_hash: i.tokenHash,
        invited_by: i.invitedBy,
        created_at: i.createdAt.getTime(),
        expires_at: i.expiresAt.getTime(),
      })
      .where('account_id', '=', i.accountId)
      .where('email_key', '=', i.email.toLowerCase())
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async function findById(accountId: string, id: string): Promise<InvitationRecord | null> {
    const row = await db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  return {
    async deleteStale(before) {
      const at = before.getTime();
      return db.transaction().execute(async (trx) => {
        const stale = (eb: Where) =>
          eb.and([
            eb('accepted_at', 'is', null),
            eb.or([eb('expires_at', '<', at), eb('revoked_at', '<', at)]),
          ]);
        await trx
          .deleteFrom('invitation_shares')
          .where('invitation_id', 'in', (eb) =>
            eb.selectFrom('invitations').select('id').where(stale),
          )
          .execute();
        const deleted = await trx.deleteFrom('invitations').where(stale).executeTakeFirst();
        return Number(deleted.numDeletedRows);
      });
    },
    async findOpen(accountId, email) {
      const row = await db
        .selectFrom('invitations')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('email_key', '=', email.toLowerCase())
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async invite(i) {
      const renewed = await renew(i);
      if (renewed) return renewed;
      try {
        await db
          .insertInto('invitations')
          .values({
            id: i.id,
            account_id: i.accountId,
            email: i.email,
            email_key: i.email.toLowerCase(),
            role: i.role,
            first_name: i.firstName,
            last_name: i.lastName,
            token_hash: i.tokenHash,
            invited_by: i.invitedBy,
            created_at: i.createdAt.getTime(),
            expires_at: i.expiresAt.getTime(),
            accepted_at: null,
            accepted_user_id: null,
            revoked_at: null,
          })
          .execute();
        return i;
      } catch (error) {
        // A concurrent invite of the same address inserted first: renew that one instead.
        if (!isUniqueViolation(error)) throw error;
        const again = await renew(i);
        if (again) return again;
        throw error;
      }
    },
    findById,
    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async list(accountId, { offset, limit }, filter) {
      let rows = db.selectFrom('invitations').where('account_id', '=', accountId);
      if (filter) rows = rows.where(hasStatus(filter.status, filter.now.getTime()));
      const [items, count] = await Promise.all([
        rows
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        rows.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map(toRecord), total: Number(count.n) };
    },
    async revoke(accountId, id, now) {
      await db
        .updateTable('invitations')
        .set({ revoked_at: now.getTime() })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      return findById(accountId, id);
    },
    async accept(tokenHash, now, joiner) {
      const at = now.getTime();
      try {
        return await db.transaction().execute(async (trx) => {
          // The conditional update is the gate: of two accepts with one token, one row changes.
          const row = await trx
            .updateTable('invitations')
            .set({ accepted_at: at })
            .where('token_hash', '=', tokenHash)
            .where('accepted_at', 'is', null)
            .where('revoked_at', 'is', null)
            .where('expires_at', '>', at)
            .returningAll()
            .executeTakeFirst();
          if (!row) {
            const found = await trx
              .selectFrom('invitations')
              .selectAll()
              .where('token_hash', '=', tokenHash)
              .executeTakeFirst();
            const reason: InvitationRefusal = !found
              ? 'unknown'
              : found.accepted_at !== null
                ? 'accepted'
                : found.revoked_at !== null
                  ? 'revoked'
                  : 'expired';
            return { ok: false, reason } as const;
          }
          const invitation = toRecord(row);
          const user = await join(trx, invitation, joiner(invitation), at);
          await shareInvited(trx, invitation, user.id);
          await trx
            .updateTable('invitations')
            .set({ accepted_user_id: user.id })
            .where('id', '=', invitation.id)
            .execute();
          return {
            ok: true,
            invitation: { ...invitation, acceptedAt: now, acceptedUserId: user.id },
            user,
          } as const;
        });
      } catch (error) {
        if (error instanceof Refused) return { ok: false, reason: error.reason };
        throw error;
      }
    },
  };
}
