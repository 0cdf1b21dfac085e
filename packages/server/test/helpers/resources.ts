/**
 * Builders for resource tests: clients written straight to the store (fast, with times the
 * test controls) and collections and galleries made through the API as a user would.
 */
import assert from 'node:assert/strict';
import { type Collection, type Gallery, newId } from '@proofsheet/protocol';
import type { ClientRecord } from '../../src/storage/ports/client-store.js';
import { clientFixture } from '../contracts/fixtures.js';
import type { Credentials, Harness } from './harness.js';

const clientsMade = new WeakMap<Harness, number>();

/**
 * A client record of the harness's account, a second newer than the previous one made, all
 * within the day before the clock's time (moving the clock would expire the test's sessions).
 */
export function clientRecord(h: Harness, overrides: Partial<ClientRecord> = {}): ClientRecord {
  const n = clientsMade.get(h) ?? 0;
  clientsMade.set(h, n + 1);
  const createdAt = new Date(h.clock.now().getTime() - 86_400_000 + n * 1000);
  return clientFixture(h.accountId, createdAt, overrides);
}

/**
 * Another studio on the harness's server, with an owner (the harness's owner's password): for
 * tests of people who belong to several studios, and of what one studio must never see.
 */
export async function createStudio(
  h: Harness,
  name: string,
): Promise<{ accountId: string; ownerEmail: string }> {
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const accountId = newId('account', random);
  await h.storage.accounts.create({
    id: accountId,
    name,
    subdomain: `s${accountId.slice(3, 15).toLowerCase()}`,
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: h.clock.now(),
  });
  const ownerEmail = `owner-${accountId.slice(3, 10).toLowerCase()}@second.example.com`;
  await h.storage.users.create({
    ...h.users.owner,
    id: newId('user', random),
    accountId,
    email: ownerEmail,
  });
  return { accountId, ownerEmail };
}

/** Stores `count` clients, oldest first; `make` customises each by index. */
export async function addClients(
  h: Harness,
  count: number,
  make: (i: number) => Partial<ClientRecord> = (i) => ({ firstName: `Client ${i}` }),
): Promise<ClientRecord[]> {
  const made: ClientRecord[] = [];
  for (let i = 0; i < count; i++) {
    const record = clientRecord(h, make(i));
    await h.storage.clients.create(record);
    made.push(record);
  }
  return made;
}

/** Creates a collection through the Gallery API and returns it. */
export async function createCollection(
  h: Harness,
  creds: Credentials,
  body: Record<string, unknown> = { name: 'Smith Wedding 2025' },
): Promise<Collection> {
  const res = await h.gallery.inject({
    method: 'POST',
    url: '/api/v1/collections',
    headers: creds.headers,
    payload: body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ data: Collection }>().data;
}

/** Creates a gallery in a collection through the Gallery API and returns it. */
export async function createGallery(
  h: Harness,
  creds: Credentials,
  collectionId: number,
  body: Record<string, unknown> = { name: 'Ceremony' },
): Promise<Gallery> {
  const res = await h.gallery.inject({
    method: 'POST',
    url: `/api/v1/collections/${collectionId}/galleries`,
    headers: creds.headers,
    payload: body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ data: Gallery }>().data;
}
