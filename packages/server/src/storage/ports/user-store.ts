import type { Role } from '@proofsheet/protocol';

export interface UserRecord {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

/** Why a change to a member was refused. */
export type MemberRefusal =
  /** No user of that account has the id (another account's users are not found either). */
  | 'not_found'
  /** The change would leave the account without an owner. */
  | 'last_owner';

/** A change to a member: the user as they are now and their role before, or why not. */
export type MemberChange =
  | { ok: true; user: UserRecord; previousRole: Role }
  | { ok: false; reason: MemberRefusal };

/**
 * Users. A removed user keeps their row (what they left behind still names them) but is found
 * by no read here: they are not listed, looked up by email, nor by id, so they cannot sign in
 * and their address is free to invite again.
 */
export interface UserStore {
  /** Creates a user; `null` when the email is taken. */
  create(user: UserRecord): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** Emails are matched case-insensitively. */
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Users of an account with the given emails (for sharing collections). */
  findByEmails(accountId: string, emails: readonly string[]): Promise<UserRecord[]>;
  /** An account's users, oldest first (its first owner leads). */
  listByAccount(
    accountId: string,
    window: { offset: number; limit: number },
  ): Promise<{ items: UserRecord[]; total: number }>;
  /**
   * Gives a user of the account a new role, unless it would leave the account without an
   * owner. Atomic across instances: two owners demoting each other at once leave one owner.
   */
  updateRole(accountId: string, userId: string, role: Role): Promise<MemberChange>;
  /**
   * Removes a user of the account (see above), unless they are its last owner. Atomic like
   * {@link updateRole}. Returns the user as they were.
   */
  remove(accountId: string, userId: string, now: Date): Promise<MemberChange>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  count(): Promise<number>;
}
