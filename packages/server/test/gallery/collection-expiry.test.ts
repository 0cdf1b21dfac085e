/**
 * Regression: a collection past its expiry date was still served, with its galleries and
 * favoriting, to the gallery clients it is shared with. The rule now: a collection is visible
 * to them through its expiry date where the studio is, and gone from the midnight after (404,
 * and out of their list and its total). The studio (owner, assistant) still sees it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Collection,
  type Gallery,
  newId,
  type PageMeta,
  type Role,
} from '@proofsheet/protocol';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import {
  type Credentials,
  createHarness,
  type Harness,
  login,
  loginAs,
} from '../helpers/harness.js';
import { createCollection, createGallery } from '../helpers/resources.js';

const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** What a gallery client gets for one collection: each status, and whether their list has it. */
interface Access {
  collection: number;
  galleries: number;
  favorite: number;
  listed: boolean;
  total: number;
}

async function accessOf(
  h: Harness,
  creds: Credentials,
  collection: Collection,
  gallery: Gallery,
): Promise<Access> {
  const one = await h.gallery.inject({
    url: `/api/v1/collections/${collection.id}`,
    headers: creds.headers,
  });
  const galleries = await h.gallery.inject({
    url: `/api/v1/collections/${collection.id}/galleries`,
    headers: creds.headers,
  });
  const favorite = await h.gallery.inject({
    method: 'POST',
    url: `/api/v1/galleries/${gallery.id}/favorite`,
    headers: creds.headers,
  });
  const list = await h.gallery.inject({ url: '/api/v1/collections', headers: creds.headers });
  assert.equal(list.statusCode, 200, list.body);
  const { data, meta } = list.json<{ data: Collection[]; meta: PageMeta }>();
  return {
    collection: one.statusCode,
    galleries: galleries.statusCode,
    favorite: favorite.statusCode,
    listed: data.some((c) => c.id === collection.id),
    total: meta.total,
  };
}

const VISIBLE = { collection: 200, galleries: 200, favorite: 200, listed: true } as const;
const GONE = { collection: 404, galleries: 404, favorite: 404, listed: false } as const;

function statuses({ total: _total, ...rest }: Access): Omit<Access, 'total'> {
  return rest;
}

describe('collection expiry, in a studio on UTC', () => {
  let h: Harness;
  let expiring: Collection;
  let ceremony: Gallery;
  /** Never favorited before the expiry: a favorite refused after it must leave no trace. */
  let reception: Gallery;
  let lastDay: Collection;
  let lastDayGallery: Gallery;

  /** Sets the clock and signs in anew: the sessions of before() would have expired by then. */
  async function signInAt(instant: string): Promise<Record<Role, Credentials>> {
    h.clock.set(new Date(instant));
    return {
      owner: await loginAs(h, 'owner', h.gallery),
      assistant: await loginAs(h, 'assistant', h.gallery),
      gallery_client: await loginAs(h, 'gallery_client'),
    };
  }

  before(async () => {
    h = await createHarness();
    const owner = await loginAs(h, 'owner', h.gallery);
    const shared_with = [h.users.gallery_client.email];
    expiring = await createCollection(h, owner, {
      name: 'Expires 15 January',
      expiry_date: '2026-01-15',
      shared_with,
    });
    ceremony = await createGallery(h, owner, expiring.id, { name: 'Ceremony' });
    reception = await createGallery(h, owner, expiring.id, { name: 'Reception' });
    lastDay = await createCollection(h, owner, {
      name: 'Expires 16 January',
      expiry_date: '2026-01-16',
      shared_with,
    });
    lastDayGallery = await createGallery(h, owner, lastDay.id, { name: 'Portraits' });
    await createCollection(h, owner, { name: 'Never Expires', shared_with });
  });
  after(() => h.close());

  test('just before the midnight after its expiry date, the client still has it all', async () => {
    const { gallery_client } = await signInAt('2026-01-15T23:59:59.999Z');
    const access = await accessOf(h, gallery_client, expiring, ceremony);
    assert.deepEqual(statuses(access), VISIBLE);
    assert.equal(access.total, 3);
  });

  test('at that midnight it is 404 for them: the collection, its galleries, favoriting', async () => {
    const { gallery_client } = await signInAt('2026-01-16T00:00:00.000Z');
    const access = await accessOf(h, gallery_client, expiring, ceremony);
    assert.deepEqual(statuses(access), GONE);
    assert.equal(access.total, 2, 'the list total no longer counts it');

    const res = await h.gallery.inject({
      url: `/api/v1/collections/${expiring.id}`,
      headers: gallery_client.headers,
    });
    assert.equal(res.json<{ error: string }>().error, 'Not Found');
    assert.equal(
      res.json<{ message: string }>().message,
      `No collection found with ID: ${expiring.id}`,
      'the same answer as for an ID that does not exist',
    );
    const favorite = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${reception.id}/favorite`,
      headers: gallery_client.headers,
    });
    assert.equal(favorite.statusCode, 404);
    assert.equal(
      favorite.json<{ message: string }>().message,
      `No gallery found with ID: ${reception.id}`,
    );
    const stored = await h.storage.galleries.findInAccount(h.accountId, reception.id);
    assert.equal(stored?.favoriteCount, 0, 'the refused favorite was not recorded');
  });

  test('a collection is still there on its expiry date itself', async () => {
    const { gallery_client } = await signInAt('2026-01-16T00:00:00.000Z');
    assert.deepEqual(statuses(await accessOf(h, gallery_client, lastDay, lastDayGallery)), VISIBLE);
    const late = await signInAt('2026-01-16T23:59:59.999Z');
    assert.deepEqual(
      statuses(await accessOf(h, late.gallery_client, lastDay, lastDayGallery)),
      VISIBLE,
    );
  });

  test('after that midnight, it stays gone', async () => {
    for (const instant of [
      '2026-01-16T00:00:00.001Z',
      '2026-01-17T00:00:00.000Z',
      '2027-06-01T12:00:00Z',
    ]) {
      const { gallery_client } = await signInAt(instant);
      const access = await accessOf(h, gallery_client, expiring, ceremony);
      assert.deepEqual(statuses(access), GONE, instant);
    }
    const { gallery_client } = await signInAt('2026-01-17T00:00:00.000Z');
    assert.deepEqual(statuses(await accessOf(h, gallery_client, lastDay, lastDayGallery)), GONE);
  });

  test('owner and assistant still see expired collections, listed and counted', async () => {
    const staff = await signInAt('2026-02-01T12:00:00Z');
    for (const creds of [staff.owner, staff.assistant]) {
      const access = await accessOf(h, creds, expiring, ceremony);
      assert.deepEqual(statuses(access), VISIBLE);
      assert.equal(access.total, 3);
    }
  });

  test('moving the expiry date on, or clearing it, gives the client access again', async () => {
    const { owner, gallery_client } = await signInAt('2026-02-01T12:00:00Z');
    const put = (expiry_date: string | null) =>
      h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/collections/${expiring.id}`,
        headers: owner.headers,
        payload: { expiry_date },
      });
    assert.equal((await put('2026-02-01')).statusCode, 200);
    assert.deepEqual(statuses(await accessOf(h, gallery_client, expiring, ceremony)), VISIBLE);
    assert.equal((await put('2026-01-31')).statusCode, 200);
    assert.deepEqual(statuses(await accessOf(h, gallery_client, expiring, ceremony)), GONE);
    assert.equal((await put(null)).statusCode, 200);
    assert.deepEqual(statuses(await accessOf(h, gallery_client, expiring, ceremony)), VISIBLE);
  });
});

describe("collection expiry follows the studio's time zone", () => {
  let h: Harness;

  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** A studio in `timeZone` with an owner and a gallery client, each with the test password. */
  async function studioIn(timeZone: string, subdomain: string) {
    const accountId = newId('account', bytes);
    await h.storage.accounts.create({
      id: accountId,
      name: subdomain,
      subdomain,
      plan: 'pro',
      timezone: timeZone,
      currency: 'USD',
      locale: 'en-US',
      createdAt: h.clock.now(),
    });
    const users: Partial<Record<Role, UserRecord>> = {};
    for (const role of ['owner', 'gallery_client'] as const) {
      const user: UserRecord = {
        ...h.users[role],
        id: newId('user', bytes),
        accountId,
        email: `${role.replace('_', '-')}@${subdomain}.example.com`,
      };
      await h.storage.users.create(user);
      users[role] = user;
    }
    return { owner: users.owner as UserRecord, client: users.gallery_client as UserRecord };
  }

  // Midnight after 15 January 2026 where each studio is (no daylight saving on these dates
  // in Los Angeles; Auckland is on daylight time, UTC+13).
  const zones = [
    { timeZone: 'America/Los_Angeles', subdomain: 'la', midnight: '2026-01-16T08:00:00.000Z' },
    { timeZone: 'Pacific/Auckland', subdomain: 'akl', midnight: '2026-01-15T11:00:00.000Z' },
    { timeZone: 'UTC', subdomain: 'utc', midnight: '2026-01-16T00:00:00.000Z' },
  ];

  for (const { timeZone, subdomain, midnight } of zones) {
    test(`in ${timeZone}, 15 January ends at ${midnight}`, async () => {
      const studio = await studioIn(timeZone, subdomain);
      h.clock.set(new Date('2026-01-14T12:00:00Z'));
      const owner = await login(h.gallery, studio.owner.email);
      const collection = await createCollection(h, owner, {
        name: `Expires 15 January in ${timeZone}`,
        expiry_date: '2026-01-15',
        shared_with: [studio.client.email],
      });
      const gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });

      const end = new Date(midnight).getTime();
      h.clock.set(new Date(end - 1));
      const early = await login(h.gallery, studio.client.email);
      assert.deepEqual(statuses(await accessOf(h, early, collection, gallery)), VISIBLE);
      h.clock.set(new Date(end));
      const late = await login(h.gallery, studio.client.email);
      assert.deepEqual(statuses(await accessOf(h, late, collection, gallery)), GONE);
    });
  }
});
