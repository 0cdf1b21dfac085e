/**
 * The documented helpers of a collection (`gallery-api/collections.md`): `edit`,
 * `before_show`, `clients`, `visitor_emails`, and the studio's collection defaults, which new
 * collections start with.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  BeforeShow,
  Collection,
  CollectionClient,
  CollectionDefaults,
  CollectionEdit,
  PageMeta,
} from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection } from '../../helpers/resources.js';
import { createShareLink, enterAs } from '../../helpers/share-links.js';

describe('the documented collection endpoints', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let wedding: Collection;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    wedding = await createCollection(h, owner, {
      name: 'Reyes Wedding',
      description: 'Fort Mason',
      password: 'first dance',
      expiry_date: '2026-12-31',
      shared_with: [h.users.gallery_client.email],
    });
    const marked = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${wedding.id}/watermark`,
      headers: owner.headers,
      payload: { enabled: true },
    });
    assert.equal(marked.statusCode, 200, marked.body);
  });

  /** Whether a collection's watermark is on, as the watermark routes say. */
  async function watermarked(id: number): Promise<boolean> {
    const res = await get(owner, `/api/v1/collections/${id}/watermark`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: { enabled: boolean } }>().data.enabled;
  }
  after(() => h.close());

  const get = (who: { headers: Record<string, string> }, url: string) =>
    h.gallery.inject({ url, headers: who.headers });

  test('edit answers the editable settings, and the count of links that still open it', async () => {
    await createShareLink(h, owner, wedding.id);
    await createShareLink(h, owner, wedding.id, {
      expires_at: new Date(h.clock.now().getTime() + 60_000).toISOString(),
    });
    const res = await get(owner, `/api/v1/collections/${wedding.id}/edit`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<{ data: CollectionEdit }>().data, {
      id: wedding.id,
      name: 'Reyes Wedding',
      description: 'Fort Mason',
      password_protected: true,
      downloadable: true,
      watermark: true,
      expiry_date: '2026-12-31',
      shared_with: [h.users.gallery_client.email],
      active_share_links: 2,
    });
    h.clock.advance(60_000);
    const later = await get(owner, `/api/v1/collections/${wedding.id}/edit`);
    assert.equal(later.json<{ data: CollectionEdit }>().data.active_share_links, 1);
    assert.equal((await get(client, `/api/v1/collections/${wedding.id}/edit`)).statusCode, 403);
    assert.equal((await get(owner, '/api/v1/collections/99999999/edit')).statusCode, 404);
    owner = await loginAs(h, 'owner', h.gallery);
  });

  test('before_show answers for the asking viewer: studio, client, visitor', async () => {
    const ask = async (who: { headers: Record<string, string> }, id = wedding.id) => {
      const res = await get(who, `/api/v1/collections/${id}/before_show`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ data: BeforeShow }>().data;
    };
    assert.deepEqual(await ask(owner), {
      collection_id: wedding.id,
      status: 'ok',
      viewer: 'studio',
      password_protected: true,
      password_required: false,
      expiry_date: '2026-12-31',
      expired: false,
    });
    assert.equal((await ask(client)).viewer, 'client');
    assert.equal((await ask(client)).status, 'ok');
    const visitor = await enterAs(h, await createShareLink(h, owner, wedding.id), {
      email: 'aunt@example.com',
      collection_password: 'first dance',
    });
    assert.deepEqual(
      { ...(await ask(visitor)), collection_id: 0 },
      {
        collection_id: 0,
        status: 'ok',
        viewer: 'visitor',
        password_protected: true,
        password_required: false,
        expiry_date: '2026-12-31',
        expired: false,
      },
    );

    const past = await createCollection(h, owner, {
      name: 'Last Year',
      expiry_date: '2025-12-31',
      shared_with: [h.users.gallery_client.email],
    });
    assert.deepEqual(
      [(await ask(owner, past.id)).status, (await ask(owner, past.id)).expired],
      ['ok', true],
      'the studio sees expired collections, to extend them',
    );
    assert.equal((await ask(client, past.id)).status, 'expired');
    const notShared = await createCollection(h, owner, { name: 'Not Theirs' });
    assert.equal(
      (await get(client, `/api/v1/collections/${notShared.id}/before_show`)).statusCode,
      404,
    );
    assert.equal(
      (await get(visitor, `/api/v1/collections/${notShared.id}/before_show`)).statusCode,
      404,
    );
    assert.equal((await get(owner, '/api/v1/collections/12/before_show')).statusCode, 400);
  });

  test('clients lists the gallery clients, then the visitors still holding access', async () => {
    const collection = await createCollection(h, owner, {
      name: 'Access',
      shared_with: [h.users.gallery_client.email],
    });
    const link = await createShareLink(h, owner, collection.id);
    const visitor = await enterAs(h, link, { email: 'grandma@example.com' });
    const revoked = await createShareLink(h, owner, collection.id);
    await enterAs(h, revoked, { email: 'gone@example.com' });
    await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/share_links/${revoked.id}`,
      headers: owner.headers,
    });
    const opened = h.clock.now();
    await get(client, `/api/v1/collections/${collection.id}`);

    const res = await get(owner, `/api/v1/collections/${collection.id}/clients`);
    assert.equal(res.statusCode, 200, res.body);
    const { data, meta } = res.json<{ data: CollectionClient[]; meta: PageMeta }>();
    assert.equal(meta.total, 2);
    assert.deepEqual(data, [
      {
        id: h.users.gallery_client.id,
        email: h.users.gallery_client.email,
        name: 'gallery_client Tester',
        access_level: 'client',
        last_accessed: `${opened.toISOString().slice(0, -1)}000Z`,
        favorites_count: 0,
      },
      {
        id: visitor.visitorId,
        email: 'grandma@example.com',
        name: null,
        access_level: 'visitor',
        last_accessed: `${opened.toISOString().slice(0, -1)}000Z`,
        favorites_count: 0,
      },
    ]);
    assert.equal(
      (await get(client, `/api/v1/collections/${collection.id}/clients`)).statusCode,
      403,
    );

    const emails = await get(
      owner,
      `/api/v1/collections/${collection.id}/visitor_emails?per_page=1`,
    );
    assert.equal(emails.statusCode, 200, emails.body);
    const page = emails.json<{ data: Array<{ email: string }>; meta: PageMeta }>();
    assert.equal(page.meta.total, 2, 'a revoked link’s visitors are still on record');
    assert.equal(page.data.length, 1);
    assert.equal(
      (await get(client, `/api/v1/collections/${collection.id}/visitor_emails`)).statusCode,
      403,
    );
  });

  test('collection defaults: read, changed, applied to new collections, overridden by the body', async () => {
    const path = `/api/v1/collection_defaults/${h.accountId}`;
    const read = await get(owner, `${path}/before_collection_default_settings`);
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json<{ data: CollectionDefaults }>().data, {
      id: h.accountId,
      downloadable: true,
      expiry_days: null,
      watermark: false,
      updated_at: null,
    });
    const fresh = await createCollection(h, owner, { name: 'Before defaults' });
    assert.deepEqual(
      [fresh.downloadable, await watermarked(fresh.id), fresh.expiry_date],
      [true, false, null],
    );

    const changed = await h.gallery.inject({
      method: 'PUT',
      url: path,
      headers: owner.headers,
      payload: { downloadable: false, expiry_days: 30, watermark: true },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json<{ data: CollectionDefaults }>().data.expiry_days, 30);

    // The harness's clock is 2026-01-15T10:00Z and the studio is on UTC.
    const started = await createCollection(h, owner, { name: 'After defaults' });
    assert.deepEqual(
      [started.downloadable, await watermarked(started.id), started.expiry_date],
      [false, true, '2026-02-14'],
    );
    const chosen = await createCollection(h, owner, {
      name: 'Chosen',
      downloadable: true,
      expiry_date: null,
    });
    assert.deepEqual([chosen.downloadable, chosen.expiry_date], [true, null]);
    assert.equal(await watermarked(fresh.id), false, 'collections made before keep theirs');

    const partial = await h.gallery.inject({
      method: 'PUT',
      url: path,
      headers: owner.headers,
      payload: { expiry_days: null },
    });
    assert.deepEqual(
      { ...partial.json<{ data: CollectionDefaults }>().data, updated_at: null },
      {
        id: h.accountId,
        downloadable: false,
        expiry_days: null,
        watermark: true,
        updated_at: null,
      },
    );

    const refusals: Array<[Credentials, string, number]> = [
      [client, `${path}/before_collection_default_settings`, 403],
      [
        owner,
        '/api/v1/collection_defaults/ac_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ/before_collection_default_settings',
        404,
      ],
      [owner, '/api/v1/collection_defaults/123/before_collection_default_settings', 400],
    ];
    for (const [who, url, status] of refusals) {
      assert.equal((await get(who, url)).statusCode, status, url);
    }
    const bad = await h.gallery.inject({
      method: 'PUT',
      url: path,
      headers: owner.headers,
      payload: { expiry_days: 0 },
    });
    assert.equal(bad.statusCode, 422);
  });
});
