import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BeforeDownloadSettings, Collection, Gallery } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { addPhoto, jpeg } from './photos.js';
import { type DownloadWorld, downloadWorld } from './world.js';

describe('the download PIN', () => {
  let w: DownloadWorld;
  let collection: Collection;
  let gallery: Gallery;
  let photo: PhotoRecord;

  before(async () => {
    // Sessions outlive the hour a grant lasts, so that the clock can move past the grant.
    const day = 86_400_000;
    w = await downloadWorld({ sessionIdleMs: day, sessionLifetimeMs: day });
    collection = await w.collection({ download_pin: '4821' });
    gallery = await w.gallery(collection);
    photo = await addPhoto(w.h, gallery, { filename: 'kiss.jpg', bytes: await jpeg(3) });
  });
  after(() => w.close());

  function code(res: { statusCode: number; json<T>(): T }): string {
    return res.statusCode < 400
      ? String(res.statusCode)
      : `${res.statusCode} ${res.json<{ code: string }>().code}`;
  }

  function download(url: string, as = w.client) {
    return w.h.gallery.inject({ url, headers: { cookie: as.cookie } });
  }

  function givePin(id: number, pin: string, ip = '203.0.113.9', as = w.client) {
    return w.h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${id}/download_pin`,
      headers: as.headers,
      payload: { pin },
      remoteAddress: ip,
    });
  }

  async function settings(id: number): Promise<BeforeDownloadSettings> {
    const res = await download(`/api/v1/collections/${id}/before_download_settings`);
    return res.json<{ data: BeforeDownloadSettings }>().data;
  }

  async function setPin(id: number, pin: string | null): Promise<Collection> {
    const res = await w.h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${id}`,
      headers: w.owner.headers,
      payload: { download_pin: pin },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Collection }>().data;
  }

  test('each download route asks for it, then a right PIN lets plain links download', async () => {
    const urls = [
      `/api/v1/photos/${photo.id}/download`,
      `/api/v1/galleries/${gallery.id}/download`,
      `/api/v1/collections/${collection.id}/download`,
    ];
    for (const url of urls) assert.equal(code(await download(url)), '403 download_pin_required');
    assert.deepEqual(
      [(await settings(collection.id)).pin_required, (await settings(collection.id)).pin_granted],
      [true, false],
    );
    const wrong = await givePin(collection.id, '0000');
    assert.equal(code(wrong), '403 download_pin_wrong');
    const right = await givePin(collection.id, '4821');
    assert.equal(right.statusCode, 200, right.body);
    const expiresAt = new Date(w.h.clock.now().getTime() + 3_600_000);
    assert.deepEqual(right.json(), {
      data: {
        collection_id: collection.id,
        expires_at: `${expiresAt.toISOString().slice(0, -1)}000Z`,
      },
    });
    for (const url of urls) assert.equal(code(await download(url)), '200', url);
    assert.equal((await settings(collection.id)).pin_granted, true);

    w.h.clock.advance(3_600_000);
    assert.equal(code(await download(urls[0] as string)), '403 download_pin_required', 'expired');
  });

  test('the studio never needs it; a collection without one grants nothing and needs nothing', async () => {
    assert.equal(code(await download(`/api/v1/photos/${photo.id}/download`, w.owner)), '200');
    const open = await w.collection();
    const res = await givePin(open.id, '1234');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ data: { expires_at: null } }>().data.expires_at, null);
  });

  test('the API never returns it, and changing it ends every grant of the old one', async () => {
    const c = await w.collection({ download_pin: '777777' });
    assert.equal(c.download_pin_protected, true);
    assert.equal(JSON.stringify(c).includes('777777'), false);
    const g = await w.gallery(c);
    const url = `/api/v1/galleries/${g.id}/download`;
    assert.equal((await givePin(c.id, '777777')).statusCode, 200);
    assert.equal(code(await download(url)), '200');
    const changed = await setPin(c.id, '12345678');
    assert.equal(changed.download_pin_protected, true);
    assert.equal(code(await download(url)), '403 download_pin_required', 'the new PIN is needed');
    assert.equal(code(await givePin(c.id, '777777')), '403 download_pin_wrong');
    assert.equal((await givePin(c.id, '12345678')).statusCode, 200);
    assert.equal(code(await download(url)), '200');
    const cleared = await setPin(c.id, null);
    assert.equal(cleared.download_pin_protected, false);
    const row = await w.h.storage.collections.findById(w.h.accountId, c.id);
    assert.equal(row?.downloadPinHash, null);
    assert.equal(code(await download(url)), '200');
  });

  test('a PIN is stored as an argon2id hash, never as given', async () => {
    const row = await w.h.storage.collections.findById(w.h.accountId, collection.id);
    assert.match(row?.downloadPinHash ?? '', /^\$argon2id\$/);
    assert.equal(row?.downloadPinHash?.includes('4821'), false);
  });

  test('wrong PINs are throttled like sign-ins: past the limit even the right one waits', async () => {
    const c = await w.collection({ download_pin: '2468' });
    const ip = '198.51.100.20';
    const limit = w.h.config.loginMaxFailuresAccountIp;
    for (let i = 0; i < limit; i++)
      assert.equal(code(await givePin(c.id, '1111', ip)), '403 download_pin_wrong');
    const past = await givePin(c.id, '1112', ip);
    assert.equal(code(past), '403 download_pin_wrong', 'the first past the limit is still judged');
    const held = await givePin(c.id, '2468', ip);
    assert.equal(code(held), '429 rate_limited');
    assert.ok(Number(held.headers['retry-after']) >= 1);
    const other = await givePin(c.id, '2468', '198.51.100.21');
    assert.equal(other.statusCode, 200, 'another address is not held');
    w.h.clock.advance(Number(held.headers['retry-after']) * 1000);
    assert.equal((await givePin(c.id, '2468', ip)).statusCode, 200, 'the wait is over');
  });

  test('a PIN must be 4 to 8 digits, when set and when given', async () => {
    for (const pin of ['123', '123456789', 'abcd', '12 34', 1234]) {
      const set = await w.h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/collections/${collection.id}`,
        headers: w.owner.headers,
        payload: { download_pin: pin },
      });
      assert.equal(set.statusCode, 422, `set ${pin}`);
      const given = await w.h.gallery.inject({
        method: 'POST',
        url: `/api/v1/collections/${collection.id}/download_pin`,
        headers: w.client.headers,
        payload: { pin },
      });
      assert.equal(given.statusCode, 422, `give ${pin}`);
    }
    const noCsrf = await w.h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${collection.id}/download_pin`,
      headers: { cookie: w.client.cookie },
      payload: { pin: '4821' },
    });
    assert.equal(code(noCsrf), '403 csrf_mismatch');
  });
});
