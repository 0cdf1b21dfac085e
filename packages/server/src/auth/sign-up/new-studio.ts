import { newId } from '@proofsheet/protocol';
import type { Random } from '../../deps.js';
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
  const accountId = newId('account', random.bytes);
  return {
    account: {
      id: accountId,
      name: values.studioName,
      subdomain: subdomainOf(values.studioName, random),
      ...DEFAULTS,
      createdAt: now,
    },
    owner: {
      id: newId('user', random.bytes),
      accountId,
      email: values.email,
      firstName: values.firstName,
      lastName: values.lastName,
      role: 'owner',
      passwordHash: values.passwordHash,
      createdAt: now,
    },
  };
}
