import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BeforeDownloadSettings, Collection, Gallery } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { loginAs } from '../../helpers/harness.js';
import { addPhoto, jpeg } from './photos.js';
import { type DownloadWorld, downloadWorld, readZip } from './world.js';

/** What each viewer gets from each download route of one setting. */
describe('who may download what', () => {
  let w: DownloadWorld;
  let n = 0;

  before(async () => {
    w = await downloadWorld();
  });
  after(() => w.close());

  /** A collection with two galleries of one photo each, with the settings given. */
  async function setup(
    collectionBody: Record<string, unknown>,
    second: Record<string, unknown> = {},
  ): Promise<{ collection: Collection; galleries: Gallery[]; photos: PhotoRecord[] }> {
    const collection = await w.collection(collectionBody);
    const galleries = [
      await w.gallery(collection, { name: 'One' }),
      await w.gallery(collection, { name: 'Two', ...second }),
    ];
    const photos: PhotoRecord[] = [];
    for (const g of galleries) {
      photos.push(await addPhoto(w.h, g, { filename: `p${++n}.jpg`, bytes: await jpeg(n) }));
    }
    return { collection, galleries, photos };
  }

  async function status(url: string, as = w.client): Promise<string> {
    const res = await w.h.gallery.inject({ url, headers: { cookie: as.cookie } });
    return res.statusCode < 400
      ? String(res.statusCode)
      : `${res.statusCode} ${res.json<{ code: string }>().code}`;
  }

  async function settings(id: number, as = w.client): Promise<BeforeDownloadSettings> {
    const res = await w.h.gallery.inject({
      url: `/api/v1/collections/${id}/before_download_settings`,
      headers: { cookie: as.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: BeforeDownloadSettings }>().data;
  }

  test('a collection that is not downloadable refuses its client everything, and not the studio', async () => {
    const { collection, galleries, photos } = await setup({ downloadable: false });
    const urls = [
      `/api/v1/photos/${photos[0]?.id}/download`,
      `/api/v1/galleries/${galleries[0]?.id}/download`,
      `/api/v1/collections/${collection.id}/download`,
    ];
    for (const url of urls) {
      assert.equal(await status(url), '403 download_not_allowed', url);
      assert.equal(await status(url, w.owner), '200', url);
    }
    const assistant = await loginAs(w.h, 'assistant', w.h.gallery);
    assert.equal(await status(urls[2] as string, assistant), '200', 'the assistant is the studio');
    const mine = await settings(collection.id);
    mine.galleries.sort((a, b) => a.gallery_id - b.gallery_id);
    assert.deepEqual(mine, {
      collection_id: collection.id,
      allowed: false,
      reason: 'This collection is not downloadable',
      sizes: [],
      default_size: null,
      pin_required: false,
      pin_granted: false,
      galleries: galleries
        .map((g) => ({ gallery_id: g.id, allowed: false }))
        .sort((a, b) => a.gallery_id - b.gallery_id),
    });
    const studio = await settings(collection.id, w.owner);
    assert.equal(studio.allowed, true);
    assert.deepEqual(studio.sizes, ['original', 'high', 'web']);
  });

  test("a gallery whose download is off is refused, and left out of its collection's ZIP", async () => {
    const { collection, galleries, photos } = await setup({}, { download: false });
    assert.equal(
      await status(`/api/v1/photos/${photos[1]?.id}/download`),
      '403 download_not_allowed',
    );
    assert.equal(
      await status(`/api/v1/galleries/${galleries[1]?.id}/download`),
      '403 download_not_allowed',
    );
    assert.equal(await status(`/api/v1/photos/${photos[0]?.id}/download`), '200');
    const zip = await w.h.gallery.inject({
      url: `/api/v1/collections/${collection.id}/download`,
      headers: { cookie: w.client.cookie },
    });
    assert.deepEqual(
      (await readZip(zip.rawPayload)).map((m) => m.path),
      [`One/${photos[0]?.filename}`],
    );
    const owners = await w.h.gallery.inject({
      url: `/api/v1/collections/${collection.id}/download`,
      headers: { cookie: w.owner.cookie },
    });
    assert.equal((await readZip(owners.rawPayload)).length, 2, 'the studio gets both galleries');
    const mine = await settings(collection.id);
    assert.equal(mine.allowed, true);
    assert.deepEqual(
      mine.galleries.map((g) => [g.gallery_id, g.allowed]).sort(),
      galleries.map((g, i) => [g.id, i === 0]).sort(),
    );
  });

  test("a collection whose every gallery is closed refuses its client's ZIP", async () => {
    const collection = await w.collection();
    await w.gallery(collection, { download: false });
    assert.equal(
      await status(`/api/v1/collections/${collection.id}/download`),
      '403 download_not_allowed',
    );
    const mine = await settings(collection.id);
    assert.equal(mine.allowed, false);
    assert.equal(mine.reason, 'No gallery of this collection is downloadable');
  });

  test('"web only" offers the client web size alone; asking for more is refused', async () => {
    const { collection, galleries, photos } = await setup({ download_sizes: ['web'] });
    const photo = `/api/v1/photos/${photos[0]?.id}/download`;
    assert.equal(await status(`${photo}?size=original`), '403 download_not_allowed');
    assert.equal(await status(`${photo}?size=high`), '403 download_not_allowed');
    assert.equal(await status(`${photo}?size=web`), '200');
    const plain = await w.h.gallery.inject({ url: photo, headers: { cookie: w.client.cookie } });
    assert.match(String(plain.headers['content-disposition']), /\.jpg"/);
    assert.equal(
      await status(`/api/v1/galleries/${galleries[0]?.id}/download?size=original`),
      '403 download_not_allowed',
    );
    assert.equal(await status(`${photo}?size=original`, w.owner), '200', 'not the studio');
    const mine = await settings(collection.id);
    assert.deepEqual([mine.sizes, mine.default_size], [['web'], 'web']);
  });

  test('what a client may not see is a 404 to download, as to read', async () => {
    const { collection, galleries, photos } = await setup({}, { private: true });
    assert.equal(await status(`/api/v1/photos/${photos[1]?.id}/download`), '404 not_found');
    assert.equal(await status(`/api/v1/galleries/${galleries[1]?.id}/download`), '404 not_found');
    const zip = await w.h.gallery.inject({
      url: `/api/v1/collections/${collection.id}/download`,
      headers: { cookie: w.client.cookie },
    });
    assert.equal((await readZip(zip.rawPayload)).length, 1, 'the private gallery is not in it');
    const hidden = await addPhoto(w.h, galleries[0] as Gallery, {
      filename: 'hidden.jpg',
      bytes: await jpeg(99),
      hidden: true,
    });
    assert.equal(await status(`/api/v1/photos/${hidden.id}/download`), '404 not_found');
    assert.equal(await status(`/api/v1/photos/${hidden.id}/download`, w.owner), '200');

    const unshared = await w.collection({ shared_with: [] });
    const g = await w.gallery(unshared);
    const p = await addPhoto(w.h, g, { filename: 'x.jpg', bytes: await jpeg(98) });
    for (const url of [
      `/api/v1/photos/${p.id}/download`,
      `/api/v1/galleries/${g.id}/download`,
      `/api/v1/collections/${unshared.id}/download`,
      `/api/v1/collections/${unshared.id}/before_download_settings`,
    ]) {
      assert.equal(await status(url), '404 not_found', url);
    }

    const expired = await w.collection({ expiry_date: '2020-01-01' });
    const eg = await w.gallery(expired);
    const ep = await addPhoto(w.h, eg, { filename: 'old.jpg', bytes: await jpeg(97) });
    assert.equal(await status(`/api/v1/photos/${ep.id}/download`), '404 not_found');
    assert.equal(await status(`/api/v1/collections/${expired.id}/download`), '404 not_found');
    assert.equal(await status(`/api/v1/collections/${expired.id}/download`, w.owner), '200');
  });
});
