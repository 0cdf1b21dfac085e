import type { AddressInfo, ClientType } from '@proofsheet/protocol';

export interface ClientRecord {
  id: string;
  accountId: string;
  email: string | null;
  firstName: string;
  lastName: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  address: AddressInfo;
  notes: string | null;
  avatarColor: number;
  status: 1 | 2;
  type: ClientType;
  sample: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClientQuery {
  accountId: string;
  types: readonly ClientType[] | null;
  /** Matched against names, email, company and phone, case-insensitively. */
  search?: string;
  offset: number;
  limit: number;
  /** The total, when the caller knows it is unchanged (a cache): the store skips counting. */
  total?: number;
}

export type ClientChanges = Partial<
  Omit<ClientRecord, 'id' | 'accountId' | 'createdAt' | 'sample'>
> & { updatedAt: Date };

export interface ClientStore {
  create(client: ClientRecord): Promise<void>;
  /** Creates all of them in one transaction, or none (imports and bulk seeding). */
  createMany(clients: readonly ClientRecord[]): Promise<void>;
  findById(accountId: string, id: string): Promise<ClientRecord | null>;
  /**
   * One page, newest first, and the total matching. `version`, when the store can tell (the
   * client cache), names the state of the account's clients the result is current for: the
   * same query at the same version has the same result, so callers may reuse what they made
   * of it.
   */
  list(query: ClientQuery): Promise<{ items: ClientRecord[]; total: number; version?: string }>;
  update(accountId: string, id: string, changes: ClientChanges): Promise<ClientRecord | null>;
  delete(accountId: string, id: string): Promise<boolean>;
}
