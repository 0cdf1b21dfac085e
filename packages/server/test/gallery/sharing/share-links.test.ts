import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Collection,
  Gallery,
  PageMeta,
  PhotoSharingLink,
  ShareLink,
} from '@proofsheet/protocol';
import { hashSecret } from '../../../src/auth/tokens.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addPhoto, createShareLink, enterAs, tokenOf } from '../../helpers/share-links.js';

describe('share links, as the studio makes and revokes them', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let wedding: Collection;
  let other: Collection;
  let ceremony: Gallery;
  let elsewhere: Gallery;

  before(async () => {
    h = await createHarness({ publicGalleryUrl: 'https://gallery.example.com' });
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    wedding = await createCollection(h, owner, { name: 'Reyes Wedding' });
    other = await createCollection(h, owner, { name: 'Other' });
    ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    elsewhere = await createGallery(h, owner, other.id, { name: 'Elsewhere' });
  });
  after(() => h.close());

  const create = (creds: Credentials, collectionId: number, payload: object) =>
    h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${collectionId}/share_links`,
      headers: creds.headers,
      payload,
    });

  test('staff get 201 with the URL once; only a hash of its token is stored', async () => {
    const link = await createShareLink(h, owner, wedding.id, {
      downloads: 'web',
      password: 'reyes2026',
      expires_at: '2026-06-30T23:59:00-07:00',
    });
    assert.match(link.id, /^sl_[A-Za-z0-9]{30}$/);
    assert.match(link.url, /^https:\/\/gallery\.example\.com\/s\/[A-Za-z0-9_-]{43}$/);
    assert.equal(link.password_protected, true);
    assert.equal(link.downloads, 'web');
    assert.equal(link.expires_at, '2026-07-01T06:59:00.000000Z');
    assert.equal(link.visits, 0);
    assert.equal('password' in link, false);

    const stored = await h.storage.shareLinks.findById(h.accountId, link.id);
    const token = tokenOf(link);
    assert.equal(stored?.tokenHash, hashSecret(token));
    assert.notEqual(stored?.tokenHash, token);
    assert.notEqual(stored?.passwordHash, 'reyes2026');

    const list = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/share_links`,
      headers: owner.headers,
    });
    assert.equal(list.statusCode, 200, list.body);
    const { data } = list.json<{ data: ShareLink[] }>();
    const listed = data.find((l) => l.id === link.id);
    assert.ok(listed);
    assert.equal('url' in listed, false, 'the URL is shown only once');
    assert.ok(!list.body.includes(token));
  });

  test('an assistant may create links; a gallery client may not, and no one signed out', async () => {
    await createShareLink(h, assistant, wedding.id, {});
    const refused = await create(client, wedding.id, {});
    assert.equal(refused.statusCode, 403);
    const anonymous = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${wedding.id}/share_links`,
      payload: {},
    });
    assert.equal(anonymous.statusCode, 401);
  });

  test('a link defaults to no downloads, no expiry, every gallery', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    assert.equal(link.downloads, 'none');
    assert.equal(link.expires_at, null);
    assert.equal(link.gallery_ids, null);
    assert.equal(link.photo_id, null);
    assert.equal(link.password_protected, false);
  });

  test('bad limits, expiries and passwords are 422 with details, and store nothing', async () => {
    const before = await h.storage.shareLinks.listForCollection(h.accountId, wedding.id, {
      offset: 0,
      limit: 100,
    });
    const photo = await addPhoto(h, elsewhere);
    const cases: Array<[object, string]> = [
      [{ expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
      [{ expires_at: '2026-02-30T10:00:00Z' }, 'expires_at'],
      [{ expires_at: 'tomorrow' }, 'expires_at'],
      [{ gallery_ids: [elsewhere.id] }, 'gallery_ids'],
      [{ gallery_ids: [] }, 'gallery_ids'],
      [{ photo_id: photo.id }, 'photo_id'],
      [{ gallery_ids: [ceremony.id], photo_id: photo.id }, 'gallery_ids'],
      [{ password: 'abc' }, 'password'],
      [{ downloads: 'everything' }, 'downloads'],
      [{ url: 'https://evil.example' }, 'url'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(owner, wedding.id, payload);
      assert.equal(res.statusCode, 422, `${JSON.stringify(payload)}: ${res.body}`);
      const body = res.json<{ code: string; details: Record<string, string[]> }>();
      assert.equal(body.code, 'validation_failed');
      assert.ok(body.details[field], `${JSON.stringify(payload)} names ${field}: ${res.body}`);
    }
    const afterwards = await h.storage.shareLinks.listForCollection(h.accountId, wedding.id, {
      offset: 0,
      limit: 100,
    });
    assert.equal(afterwards.total, before.total);
  });

  test('a link to an unknown collection is 404; a malformed collection ID 400', async () => {
    assert.equal((await create(owner, 99_999_999, {})).statusCode, 404);
    assert.equal((await create(owner, 123, {})).statusCode, 400);
  });

  test('revoking: 204, then 404; a malformed ID 400; a gallery client 403', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const revoke = (creds: Credentials, id: string) =>
      h.gallery.inject({
        method: 'DELETE',
        url: `/api/v1/share_links/${id}`,
        headers: creds.headers,
      });
    assert.equal((await revoke(client, link.id)).statusCode, 403);
    assert.equal((await revoke(assistant, link.id)).statusCode, 204);
    assert.equal((await revoke(owner, link.id)).statusCode, 404);
    assert.equal((await revoke(owner, 'sl_nope')).statusCode, 400);
    assert.equal(await h.storage.shareLinks.findById(h.accountId, link.id), null);
  });

  test('photo_sharing_links lists the single-photo links with their use', async () => {
    const photo = await addPhoto(h, ceremony, 'DSC_0142.jpg');
    const single = await createShareLink(h, owner, wedding.id, {
      photo_id: photo.id,
      downloads: 'original',
    });
    await createShareLink(h, owner, wedding.id, { gallery_ids: [ceremony.id] });
    await enterAs(h, single, { email: 'grandma@example.com' });
    await enterAs(h, single, { email: 'GRANDMA@example.com' });
    await enterAs(h, single, { email: 'grandpa@example.com' });

    const read = () =>
      h.gallery.inject({
        url: `/api/v1/collections/${wedding.id}/photo_sharing_links`,
        headers: owner.headers,
      });
    const res = await read();
    assert.equal(res.statusCode, 200, res.body);
    const { data, meta } = res.json<{ data: PhotoSharingLink[]; meta: PageMeta }>();
    assert.equal(meta.total, 1, 'only the single-photo link');
    assert.deepEqual(
      { ...data[0], created_at: undefined, last_visited_at: undefined },
      {
        id: single.id,
        photo_id: photo.id,
        gallery_id: ceremony.id,
        filename: 'DSC_0142.jpg',
        downloads: 'original',
        password_protected: false,
        expires_at: null,
        active: true,
        visits: 3,
        visitors: 2,
        created_at: undefined,
        last_visited_at: undefined,
      },
    );

    await h.storage.photos.delete(h.accountId, photo.id);
    const gone = (await read()).json<{ data: PhotoSharingLink[] }>().data[0];
    assert.equal(gone?.filename, null);
    assert.equal(gone?.active, false, 'it opens nothing once its photo is gone');

    const forClient = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/photo_sharing_links`,
      headers: client.headers,
    });
    assert.equal(forClient.statusCode, 403);
  });
});
