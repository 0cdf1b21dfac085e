/**
 * What resumable uploads over tus do on every tus store (files, S3), with tus-js-client over a
 * real socket, as a browser would: create, PATCH in parts, resume at the offset HEAD gives after
 * a dropped connection, finish into a photo, terminate, and expire unfinished uploads.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import sharp from 'sharp';
import { Upload } from 'tus-js-client';
import type { Config } from '../../../src/config/config.js';
import { tusDataStore } from '../../../src/gallery/photos/tus-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

/** A 3000×2000 JPEG of noise: about 2–3 MB, many chunks at 256 KiB. */
async function bigJpeg(): Promise<Buffer> {
  const width = 3000;
  const height = 2000;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

interface Finished {
  url: string;
  photo: Photo;
}

/** The configuration that picks the store under test, and what to stop afterwards. */
export interface TusStoreFixture {
  overrides: Partial<Config>;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;

/** The tus upload cases, on the store `make` configures. */
export function describeTusUploads(
  name: string,
  make: () => Promise<TusStoreFixture>,
  options: { skip?: string | false } = {},
): void {
  describe(`tus uploads: ${name}`, { skip: options.skip ?? false }, () => {
    let h: Harness;
    let base = '';
    let owner: Credentials;
    let client: Credentials;
    let collection: Collection;
    let gallery: Gallery;
    let jpeg: Buffer;

    let fixture: TusStoreFixture;

    before(async () => {
      fixture = await make();
      h = await createHarness(fixture.overrides);
      ({ galleryUrl: base } = await h.listen());
      owner = await loginAs(h, 'owner', h.gallery);
      client = await loginAs(h, 'gallery_client', h.gallery);
      collection = await createCollection(h, owner, { name: 'Harper Wedding' });
      gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
      jpeg = await bigJpeg();
    });
    after(async () => {
      await h?.close();
      await fixture?.close();
    });

    function upload(
      who: Credentials,
      bytes: Buffer,
      metadata: Record<string, string>,
      extra: { uploadUrl?: string; stopAfter?: number } = {},
    ): Promise<Finished> {
      return new Promise((resolve, reject) => {
        let finishedBody = '';
        const u: Upload = new Upload(bytes, {
          endpoint: `${base}/api/v1/uploads`,
          ...(extra.uploadUrl ? { uploadUrl: extra.uploadUrl } : {}),
          chunkSize: 256 * 1024,
          retryDelays: [],
          headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
          metadata,
          onAfterResponse(_req, res) {
            if (res.getStatus() === 200) finishedBody = res.getBody();
          },
          onProgress(sent) {
            if (extra.stopAfter !== undefined && sent >= extra.stopAfter) {
              void u
                .abort()
                .then(() => reject(Object.assign(new Error('aborted'), { url: u.url })));
            }
          },
          onError: reject,
          onSuccess() {
            resolve({
              url: u.url ?? '',
              photo: (JSON.parse(finishedBody) as { data: Photo }).data,
            });
          },
        });
        u.start();
      });
    }

    /** Starts an upload and drops the connection after `sent` bytes: the upload's URL. */
    async function dropped(filename: string, sent = 512 * 1024): Promise<string> {
      let url = '';
      await assert.rejects(
        upload(
          owner,
          jpeg,
          { gallery_id: String(gallery.id), filename },
          { stopAfter: sent },
        ).catch((error: Error & { url?: string }) => {
          url = error.url ?? '';
          throw error;
        }),
        /aborted/,
      );
      assert.match(url, /\/api\/v1\/uploads\/[0-9a-f]{32}$/);
      return url;
    }

    function tusRequest(url: string, method: 'HEAD' | 'DELETE'): Promise<Response> {
      return fetch(url, {
        method,
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'tus-resumable': '1.0.0' },
      });
    }

    test('a finished upload is a photo, processing, with the SHA-256 of the bytes sent', async () => {
      const done = await upload(owner, jpeg, {
        gallery_id: String(gallery.id),
        filename: 'DSC_0001.jpg',
      });
      assert.equal(done.photo.gallery_id, gallery.id);
      assert.equal(done.photo.filename, 'DSC_0001.jpg');
      assert.equal(done.photo.size, jpeg.length);
      assert.equal(done.photo.sha256, createHash('sha256').update(jpeg).digest('hex'));
      assert.equal(done.photo.content_type, 'image/jpeg');
      assert.ok((await h.storage.photos.findById(done.photo.id))?.sha256 === done.photo.sha256);
    });

    test('a dropped connection resumes where the server says it got to', async () => {
      const url = await dropped('DSC_0002.jpg');
      const head = await tusRequest(url, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(Number(head.headers.get('upload-length')), jpeg.length);
      const offset = Number(head.headers.get('upload-offset'));
      assert.ok(offset >= 512 * 1024 && offset < jpeg.length, `offset ${offset}`);
      const done = await upload(owner, jpeg, {}, { uploadUrl: url });
      assert.equal(done.photo.sha256, createHash('sha256').update(jpeg).digest('hex'));
      assert.equal(done.photo.filename, 'DSC_0002.jpg');
    });

    test('the owner is stamped by the server: another account in the metadata is ignored', async () => {
      const done = await upload(owner, jpeg.subarray(0, jpeg.length), {
        gallery_id: String(gallery.id),
        filename: 'x.jpg',
        account_id: 'ac_someoneelse',
      });
      assert.equal((await h.storage.photos.findById(done.photo.id))?.accountId, h.accountId);
    });

    test('clients may not upload; a gallery that is not there is refused before any byte', async () => {
      await assert.rejects(
        upload(client, jpeg, { gallery_id: String(gallery.id), filename: 'x.jpg' }),
        /response code: 403/,
      );
      await assert.rejects(
        upload(owner, jpeg, { gallery_id: '100000001', filename: 'x.jpg' }),
        /response code: 404/,
      );
      await assert.rejects(upload(owner, jpeg, { filename: 'x.jpg' }), /response code: 400/);
    });

    test('bytes that are not an image are refused when the upload ends, and not kept', async () => {
      const before = await h.storage.photos.listForGallery(h.accountId, gallery.id, {
        offset: 0,
        limit: 100,
      });
      await assert.rejects(
        upload(owner, Buffer.alloc(300_000, 7), {
          gallery_id: String(gallery.id),
          filename: 'a.jpg',
        }),
        /response code: 415/,
      );
      const afterwards = await h.storage.photos.listForGallery(h.accountId, gallery.id, {
        offset: 0,
        limit: 100,
      });
      assert.equal(afterwards.total, before.total);
    });

    test('a terminated upload is gone: HEAD and PATCH on it are 404', async () => {
      const url = await dropped('DSC_0003.jpg');
      assert.equal((await tusRequest(url, 'DELETE')).status, 204);
      assert.equal((await tusRequest(url, 'HEAD')).status, 404);
      const patch = await fetch(url, {
        method: 'PATCH',
        headers: {
          ...owner.headers,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
        },
        body: jpeg.subarray(0, 1024),
      });
      assert.equal(patch.status, 404);
    });

    test('deleteExpired removes unfinished uploads older than the expiry, and only those', async () => {
      const url = await dropped('DSC_0004.jpg');
      // The server's own store keeps them a day: nothing of this minute is expired.
      assert.equal(await tusDataStore(h.config, DAY).deleteExpired(), 0);
      assert.equal((await tusRequest(url, 'HEAD')).status, 200);
      await sleep(20);
      assert.ok((await tusDataStore(h.config, 1).deleteExpired()) > 0);
      assert.equal((await tusRequest(url, 'HEAD')).status, 404);
    });

    test('an upload ID that is not this account’s, or not an ID, is a 404', async () => {
      for (const id of ['0123456789abcdef0123456789abcdef', '../../etc/passwd', 'x'.repeat(32)]) {
        const res = await fetch(`${base}/api/v1/uploads/${encodeURIComponent(id)}`, {
          method: 'HEAD',
          headers: { cookie: owner.cookie, 'tus-resumable': '1.0.0' },
        });
        assert.equal(res.status, 404, id);
      }
    });
  });
}
