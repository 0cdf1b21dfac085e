import type { InvitableRole, InvitationStatus } from '@proofsheet/protocol';
import type { UserRecord } from './user-store.js';

/** An invitation to join an account, its token known by its hash alone. */
export interface InvitationRecord {
  id: string;
  accountId: string;
  email: string;
  role: InvitableRole;
  firstName: string;
  lastName: string;
  tokenHash: string;
  /** The owner who sent it last. */
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  /** The user accepting it made. */
  acceptedUserId: string | null;
  revokedAt: Date | null;
}

/** Why a token could not be used. */
export type InvitationRefusal = 'unknown' | 'accepted' | 'revoked' | 'expired';

/** The outcome of accepting an invitation. */
export type AcceptOutcome =
  | { ok: true; invitation: InvitationRecord; user: UserRecord }
  | { ok: false; reason: InvitationRefusal }
  /** A new user was to be made, but one signs in with the address now (made meanwhile). */
  | { ok: false; reason: 'email_taken' }
  /** An existing user was to join, but they are a member of the studio already. */
  | { ok: false; reason: 'already_member' }
  /** An existing user was to join, but they were removed meanwhile. */
  | { ok: false; reason: 'user_gone' };

/**
 * Who accepting makes a member of the studio: a new user, or an existing user of another
 * studio (who proved it with their password) with the invited role.
 */
export type Joiner = { kind: 'new'; user: UserRecord } | { kind: 'existing'; userId: string };

/** Where an invitation is at `now`. */
export function invitationStatus(invitation: InvitationRecord, now: Date): InvitationStatus {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.revokedAt !== null) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/**
 * Invitations. Every read and write an owner makes names the account, so that one studio's
 * owner can never see or touch another's invitations; only accepting goes by token alone.
 */
export interface InvitationStore {
  /**
   * Saves an invitation, or renews the account's open one (neither accepted nor revoked) for
   * the same address: it keeps its id and takes the new token, role, names, inviter and dates,
   * so that the old link stops working. Returns the invitation as stored.
   */
  invite(invitation: InvitationRecord): Promise<InvitationRecord>;
  findById(accountId: string, id: string): Promise<InvitationRecord | null>;
  /** The invitation of a token, whatever its status. */
  findByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  /**
   * Deletes the invitations never accepted that expired or were withdrawn before `before`
   * (and the collections that waited on them); accepted ones stay, as history. Returns how
   * many went.
   */
  deleteStale(before: Date): Promise<number>;
  /** The account's open invitation of the address (any case), expired or not; else `null`. */
  findOpen(accountId: string, email: string): Promise<InvitationRecord | null>;
  /** An account's invitations, newest first; with `status`, only those with it at `now`. */
  list(
    accountId: string,
    window: { offset: number; limit: number },
    filter?: { status: InvitationStatus; now: Date },
  ): Promise<{ items: InvitationRecord[]; total: number }>;
  /**
   * Revokes an invitation of the account that was not accepted (revoking twice is no error).
   * `null` when the account has no such invitation.
   */
  revoke(accountId: string, id: string, now: Date): Promise<InvitationRecord | null>;
  /**
   * Uses a token up and makes its member, atomically: of concurrent calls with one token, one
   * makes the member and the others are refused. `joiner` gets the invitation and names the
   * new user to create (in the invitation's account, with its role) or the existing user who
   * joins; that studio becomes the one their next sign-in opens. The collections shared with
   * the invitation are shared with a new gallery client in the same transaction. The outcome's
   * user is the member of the invitation's studio.
   */
  accept(
    tokenHash: string,
    now: Date,
    joiner: (invitation: InvitationRecord) => Joiner,
  ): Promise<AcceptOutcome>;
}
