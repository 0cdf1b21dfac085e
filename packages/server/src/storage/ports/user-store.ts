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

export interface UserStore {
  /** Creates a user; `null` when the email is taken. */
  create(user: UserRecord): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** Emails are matched case-insensitively. */
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Users of an account with the given emails (for sharing collections). */
  findByEmails(accountId: string, emails: readonly string[]): Promise<UserRecord[]>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  count(): Promise<number>;
}
