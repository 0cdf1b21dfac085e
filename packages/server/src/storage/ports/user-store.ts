import type { Role } from '@proofsheet/protocol';

/**
 * A user as a member of one studio: `accountId` and `role` are that studio and their role in
 * it. A person who belongs to several studios is one user (one email, one password) with a
 * membership in each.
 */
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

/** A studio a user belongs to, and their role there. */
export interface MembershipRecord {
  accountId: string;
  role: Role;
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
 * Users and their memberships. A removed user keeps their row (what they left behind still names them) but is found
 * by no read here: they are not listed, looked up by email, nor by id, so they cannot sign in
 * and their address is free to invite again.
 */
export interface UserStore {
  /** Creates a user, a member of `user.accountId` with `user.role`; `null` when the email is taken. */
  create(user: UserRecord): Promise<UserRecord | null>;
  /** The user as a member of the studio a new sign-in opens (see {@link setDefaultAccount}). */
  findById(id: string): Promise<UserRecord | null>;
  /** The user as a member of `accountId`; `null` when they are not (or no longer) one. */
  findMember(accountId: string, userId: string): Promise<UserRecord | null>;
  /** Emails are matched case-insensitively. The user as {@link findById} gives them. */
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
   * Removes a user from the account, unless they are its last owner. Atomic like
   * {@link updateRole}. Returns the user as they were. A user who belongs to no studio after
   * this is removed altogether (see above); one who still belongs to others keeps signing in
   * to those.
   */
  remove(accountId: string, userId: string, now: Date): Promise<MemberChange>;
  /** Makes an existing user a member of another studio; false when they are one already. */
  addMembership(accountId: string, userId: string, role: Role, now: Date): Promise<boolean>;
  /** The studios the user belongs to, the first joined first. */
  listMemberships(userId: string): Promise<MembershipRecord[]>;
  /** The studio the user's next sign-in opens; ignored unless they are a member of it. */
  setDefaultAccount(userId: string, accountId: string): Promise<void>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  count(): Promise<number>;
}
