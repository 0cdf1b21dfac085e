/**
 * What every target serves: one studio account, its owner, and clients made from a seeded
 * generator, so that every target's page of 25 clients is the same JSON.
 */
import { NO_ADDRESS, newId } from '@proofsheet/protocol';
import type { AccountRecord, ClientRecord, LoginRecord, UserRecord } from './server-modules.js';

/** The user every target signs in. */
export const BENCH_USER = {
  email: 'bench-owner@example.com',
  password: 'bench-password-2026',
} as const;

/** The body of `POST /login` for the bench user. */
export const LOGIN_BODY = JSON.stringify(BENCH_USER);

/** A term that the search measure looks for: one surname of the generator's list. */
export const SEARCH_TERM = 'lindqvist';

/** Clients of the first page; the "100,000 clients" measures add to these. */
export const PAGE_CLIENTS = 25;

/** Bytes from a seeded generator (mulberry32): the same sequence in every process. */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
    return out;
  };
}

const FIRST = ['Amelia', 'Jordan', 'Chidi', 'Maya', 'Lucas', 'Sofia', 'Noah', 'Priya', 'Ethan'];
const LAST = ['Harper', 'Quinn', 'Okafor', 'Chen', 'Moreau', 'Rossi', 'Williams', 'Raman'];
const LAST_RARE = 'Lindqvist';
const CITIES = ['Portland', 'Toronto', 'Austin', 'Chicago', 'Denver', 'Boston', 'Seattle'];
const BASE_TIME = Date.UTC(2025, 0, 1);

/**
 * The `i`-th generated client. One in 500 has the rare surname that search looks for, so
 * search returns a few hundred of 100,000.
 */
export function benchClient(
  i: number,
  accountId: string,
  bytes: (n: number) => Uint8Array,
): ClientRecord {
  const first = FIRST[i % FIRST.length] ?? 'Ada';
  const last = i % 500 === 7 ? LAST_RARE : (LAST[(i * 7) % LAST.length] ?? 'Lovelace');
  const created = new Date(BASE_TIME + i * 60_000);
  return {
    id: newId('client', bytes),
    accountId,
    email: `${first}.${last}.${i}@example.com`.toLowerCase(),
    firstName: first,
    lastName: last,
    phone: `555${String(1_000_000 + i).slice(-7)}`,
    company: i % 4 === 0 ? `${last} & Co` : null,
    jobTitle: null,
    address: { ...NO_ADDRESS, city: CITIES[i % CITIES.length] ?? null, country: 'United States' },
    notes: i % 3 === 0 ? 'Prefers morning sessions.' : null,
    avatarColor: 1 + (i % 12),
    status: 1,
    type: i % 5 === 0 ? 'lead' : 'client',
    sample: false,
    createdAt: created,
    updatedAt: created,
  };
}

/** The account, owner and first-page clients of a target, deterministic. */
export function benchStudio(passwordHash: string): {
  account: AccountRecord;
  user: UserRecord;
  clients: ClientRecord[];
  bytes: (n: number) => Uint8Array;
} {
  const bytes = seededBytes(2026);
  const createdAt = new Date(BASE_TIME);
  const account: AccountRecord = {
    id: newId('account', bytes),
    name: 'Bench Studio',
    subdomain: 'bench',
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en',
    createdAt,
  };
  const user: UserRecord = {
    id: newId('user', bytes),
    accountId: account.id,
    email: BENCH_USER.email,
    firstName: 'Bench',
    lastName: 'Owner',
    role: 'owner',
    passwordHash,
    createdAt,
  };
  const clients = Array.from({ length: PAGE_CLIENTS }, (_, i) =>
    benchClient(1_000_000 + i, account.id, bytes),
  );
  return { account, user, clients, bytes };
}

/** A login that nobody holds the secrets of: for filling the session store. */
export function idleLogin(
  user: UserRecord,
  bytes: (n: number) => Uint8Array,
  now: Date,
): LoginRecord {
  const hex = (n: number) => Buffer.from(bytes(n)).toString('hex');
  return {
    id: newId('login', bytes),
    userId: user.id,
    accountId: user.accountId,
    role: user.role,
    sessionHash: hex(32),
    sessionCreatedAt: now,
    lastSeenAt: now,
    authTokenHash: hex(32),
    authTokenExpiresAt: new Date(now.getTime() + 30 * 24 * 3_600_000),
    createdAt: now,
    userAgent: 'bench',
    ip: '127.0.0.1',
  };
}
