import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { addPhoto, jpeg } from './photos.js';
import { type DownloadWorld, downloadWorld, sha256 } from './world.js';

describe('downloading one photo or video', () => {
  let w: DownloadWorld;
  let collection: Collection;
  let gallery: Gallery;
  let original: Buffer;
  let photo: PhotoRecord;

  before(async () => {
    w = await downloadWorld();
    collection = await w.collection();
    gallery = await w.gallery(collection);
    original = await jpeg(7, 300, 200);
    photo = await addPhoto(w.h, gallery, { filename: 'Ceremony 01.jpeg', bytes: original });
  });
  after(() => w.close());

  function get(url: string, headers: Record<string, string> = {}, as = w.client) {
    return w.h.gallery.inject({ url, headers: { cookie: as.cookie, ...headers } });
  }

  async function blobOf(sha: string): Promise<Buffer> {
    const stream = await w.h.storage.blobs.get(sha);
    assert.ok(stream, `blob ${sha}`);
    return buffer(stream);
  }

  test('the original comes as uploaded, with its name, type, size and content hash as ETag', async () => {
    const res = await get(`/api/v1/photos/${photo.id}/download?size=original`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.rawPayload.equals(original));
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers['content-length'], String(original.length));
    assert.equal(res.headers.etag, `"${sha256(original)}"`);
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="Ceremony 01.jpeg"; filename*=UTF-8''Ceremony%2001.jpeg`,
    );
  });

  test('without a size, the largest offered; high and web are the JPEG sizes, named .jpg', async () => {
    const plain = await get(`/api/v1/photos/${photo.id}/download`);
    assert.ok(plain.rawPayload.equals(original), 'the original is the largest offered');
    for (const [size, made] of [
      ['high', 'large'],
      ['web', 'preview'],
    ] as const) {
      const res = await get(`/api/v1/photos/${photo.id}/download?size=${size}`);
      assert.equal(res.statusCode, 200, res.body);
      const derivative = photo.derivatives.find((d) => d.size === made && d.format === 'jpeg');
      assert.ok(derivative);
      assert.ok(res.rawPayload.equals(await blobOf(derivative.sha256)));
      assert.equal(res.headers.etag, `"${derivative.sha256}"`);
      assert.equal(res.headers['content-type'], 'image/jpeg');
      assert.match(String(res.headers['content-disposition']), /filename="Ceremony 01\.jpg"/);
    }
  });

  test('a Range gets that part (206), If-Range with another ETag the whole, past the end 416', async () => {
    const url = `/api/v1/photos/${photo.id}/download`;
    const etag = `"${sha256(original)}"`;
    const part = await get(url, { range: 'bytes=100-199', 'if-range': etag });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${original.length}`);
    assert.ok(part.rawPayload.equals(original.subarray(100, 200)));
    const rest = await get(url, { range: 'bytes=200-' });
    assert.ok(
      Buffer.concat([original.subarray(0, 100), part.rawPayload, rest.rawPayload]).equals(original),
    );
    const stale = await get(url, { range: 'bytes=100-199', 'if-range': '"stale"' });
    assert.equal(stale.statusCode, 200);
    assert.ok(stale.rawPayload.equals(original));
    const past = await get(url, { range: `bytes=${original.length + 5}-` });
    assert.equal(past.statusCode, 416);
    assert.equal(past.headers['content-range'], `bytes */${original.length}`);
    assert.equal(past.json<{ code: string }>().code, 'range_not_satisfiable');
    const same = await get(url, { 'if-none-match': etag });
    assert.equal(same.statusCode, 304);
  });

  test('HEAD answers the headers of the download alone', async () => {
    const res = await w.h.gallery.inject({
      method: 'HEAD',
      url: `/api/v1/photos/${photo.id}/download?size=web`,
      headers: { cookie: w.client.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.rawPayload.length, 0);
    const web = photo.derivatives.find((d) => d.size === 'preview' && d.format === 'jpeg');
    assert.equal(res.headers['content-length'], String(web?.bytes));
  });

  test('a video is downloaded as its original, and only where originals are offered', async () => {
    const bytes = randomBytes(50_000);
    const video = await addPhoto(w.h, gallery, {
      filename: 'first dance.mp4',
      bytes,
      kind: 'video',
    });
    const res = await get(`/api/v1/photos/${video.id}/download?size=web`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'video/mp4');
    assert.ok(res.rawPayload.equals(bytes));
    const webOnly = await w.collection({ download_sizes: ['web'] });
    const g = await w.gallery(webOnly);
    const there = await addPhoto(w.h, g, { filename: 'toast.mp4', bytes, kind: 'video' });
    const refused = await get(`/api/v1/photos/${there.id}/download`);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<{ code: string }>().code, 'download_not_allowed');
  });

  test('an original of a type without a name of its own goes as application/octet-stream', async () => {
    const odd = await addPhoto(w.h, gallery, {
      filename: 'odd.bin',
      bytes: randomBytes(100),
      kind: 'video',
      contentType: 'video/x-unknown',
    });
    const res = await get(`/api/v1/photos/${odd.id}/download`, {}, w.owner);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/octet-stream');
  });

  test('the studio downloads a photo still processing as its original; its sizes are a 409', async () => {
    const raw = await addPhoto(w.h, gallery, {
      filename: 'raw.jpg',
      bytes: await jpeg(8),
      process: false,
    });
    const original = await get(`/api/v1/photos/${raw.id}/download?size=original`, {}, w.owner);
    assert.equal(original.statusCode, 200);
    const web = await get(`/api/v1/photos/${raw.id}/download?size=web`, {}, w.owner);
    assert.equal(web.statusCode, 409);
    assert.equal(web.json<{ code: string }>().code, 'conflict');
    const client = await get(`/api/v1/photos/${raw.id}/download`);
    assert.equal(client.statusCode, 404, 'a client cannot see it at all');
  });

  test('an ID in the wrong format is a 400, an unknown one a 404', async () => {
    assert.equal((await get('/api/v1/photos/12/download')).statusCode, 400);
    assert.equal((await get('/api/v1/photos/1000000000/download')).statusCode, 404);
    const bad = await get(`/api/v1/photos/${photo.id}/download?size=huge`);
    assert.equal(bad.statusCode, 400);
  });
});
