/** An account with users, for store contracts: enough rows for joins and shares to resolve. */
import { NO_ADDRESS, newId, type Role } from '@proofsheet/protocol';
import type { ClientRecord } from '../../src/storage/ports/client-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';

/** Makes a fresh storage to test; the suite closes it. */
export type MakeStorage = () => Promise<Storage>;

/** `skip`: the reason the backing service is unavailable, or false to run. */
export interface ContractOptions {
  skip?: string | false;
}

export const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export const T0 = new Date('2026-01-15T10:00:00Z');

/** `ms` after {@link T0}. */
export const at = (ms: number) => new Date(T0.getTime() + ms);

/** A client record of an account, created at `createdAt`, with every optional field empty. */
export function clientFixture(
  accountId: string,
  createdAt: Date,
  overrides: Partial<ClientRecord> = {},
): ClientRecord {
  return {
    id: newId('client', bytes),
    accountId,
    email: null,
    firstName: 'Client',
    lastName: null,
    phone: null,
    company: null,
    jobTitle: null,
    address: { ...NO_ADDRESS },
    notes: null,
    avatarColor: 1,
    status: 1,
    type: 'client',
    sample: false,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Creates an account with one user per role; returns the account id and the users. */
export async function seedAccount(
  storage: Storage,
  subdomain: string,
): Promise<{ accountId: string; users: Record<Role, UserRecord> }> {
  const accountId = newId('account', bytes);
  await storage.accounts.create({
    id: accountId,
    name: subdomain,
    subdomain,
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: T0,
  });
  const users = {} as Record<Role, UserRecord>;
  for (const role of ['owner', 'assistant', 'gallery_client'] as const) {
    const user: UserRecord = {
      id: newId('user', bytes),
      accountId,
      email: `${role}@${subdomain}.example.com`,
      firstName: role,
      lastName: 'Contract',
      role,
      passwordHash: 'not-a-real-hash',
      createdAt: T0,
    };
    await storage.users.create(user);
    users[role] = user;
  }
  return { accountId, users };
}
