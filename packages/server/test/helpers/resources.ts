/**
 * Builders for resource tests: clients written straight to the store (fast, with times the
 * test controls) and collections and galleries made through the API as a user would.
 */
import assert from 'node:assert/strict';
import type { Collection, Gallery } from '@proofsheet/protocol';
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
