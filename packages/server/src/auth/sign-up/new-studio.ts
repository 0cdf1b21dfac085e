import { newId } from '@proofsheet/protocol';
import type { Random } from '../../deps.js';
import type { AccountRecord } from '../../storage/ports/account-store.js';
import type { NewStudio } from '../../storage/ports/sign-up-store.js';

/** What a new studio starts with: the plan and settings of every studio made here. */
const DEFAULTS = { plan: 'pro', timezone: 'UTC', currency: 'USD', locale: 'en-US' } as const;

/**
 * A subdomain from the studio's name: its letters and digits, and a random tail, since two
 * studios may share a name and the column is unique.
 */
function subdomainOf(name: string, random: Random): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 20);
  const tail = Array.from(random.bytes(4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${base || 'studio'}-${tail}`;
}

/** A new studio's row, with the defaults every studio made here starts with. */
export function newAccount(name: string, now: Date, random: Random): AccountRecord {
  return {
    id: newId('account', random.bytes),
    name,
    subdomain: subdomainOf(name, random),
    ...DEFAULTS,
    createdAt: now,
  };
}

/** A studio and its first owner, ready for `SignUpStore.complete` or `createStudio`. */
export function newStudio(values: {
  studioName: string;
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  now: Date;
  random: Random;
}): NewStudio {
  const { random, now } = values;
  const account = newAccount(values.studioName, now, random);
  return {
    account,
    owner: {
      id: newId('user', random.bytes),
      accountId: account.id,
      email: values.email,
      firstName: values.firstName,
      lastName: values.lastName,
      role: 'owner',
      passwordHash: values.passwordHash,
      createdAt: now,
    },
  };
}
