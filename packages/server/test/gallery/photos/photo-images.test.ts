/**
 * How images are served: the bytes stored, as the type they are, with a strong ETag (their
 * SHA-256), 304 for a matching If-None-Match, Range as 206 or 416, HEAD without a body, and
 * caching for good only where the address names the content.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import type { Photo } from '@proofsheet/protocol';
import exifr from 'exifr';
import sharp from 'sharp';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { addPhoto, makeJpeg } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

describe('serving photo images', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let photo: PhotoRecord;
  let view: Photo;
  let original: Buffer;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    const c = await createCollection(h, owner, {
      name: 'Served',
      shared_with: [h.users.gallery_client.email],
    });
    const g = await createGallery(h, owner, c.id);
    original = await makeJpeg({
      width: 1800,
      height: 1200,
      exif: {
        make: 'TestCam',
        model: 'TestCam X1',
        takenAt: '2026-05-02T10:15:00',
        gps: { latitude: 48.8584, longitude: 2.2945 },
      },
    });
    photo = await addPhoto(h, { galleryId: g.id, collectionId: c.id, bytes: original });
    const res = await h.gallery.inject({
      url: `/api/v1/photos/${photo.id}`,
      headers: { cookie: client.cookie },
    });
    view = res.json<{ data: Photo }>().data;
  });
  after(() => h.close());

  function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
    return h.gallery.inject({ method, url, headers: { cookie: client.cookie, ...headers } });
  }

  function derivative(size: string, format: 'webp' | 'jpeg') {
    const d = photo.derivatives.find((x) => x.size === size && x.format === format);
    assert.ok(d, `${size} ${format}`);
    return d;
  }

  async function stored(sha256: string): Promise<Buffer> {
    const stream = await h.storage.blobs.get(sha256);
    assert.ok(stream, sha256);
    return buffer(stream);
  }

  test('every address in urls serves its stored bytes, type, size and pixel size', async () => {
    for (const size of ['thumbnail', 'preview', 'large'] as const) {
      const urls = view.urls[size];
      assert.ok(urls, size);
      for (const [format, url] of [
        ['webp', urls.webp],
        ['jpeg', urls.jpeg],
      ] as const) {
        const d = derivative(size, format);
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['content-type'], `image/${format}`);
        assert.equal(res.headers['content-length'], String(d.bytes));
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['accept-ranges'], 'bytes');
        assert.equal(res.headers.etag, `"${d.sha256}"`);
        assert.equal(res.headers['cache-control'], IMMUTABLE);
        assert.deepEqual(res.rawPayload, await stored(d.sha256));
        assert.equal(createHash('sha256').update(res.rawPayload).digest('hex'), d.sha256);
        const meta = await sharp(res.rawPayload).metadata();
        assert.deepEqual([meta.format, meta.width, meta.height], [format, urls.width, urls.height]);
      }
    }
  });

  test('what a client is served carries no GPS and no EXIF, though the original does', async () => {
    assert.ok((await exifr.gps(original))?.latitude, 'the original has a position');
    for (const size of ['thumbnail', 'preview', 'large'] as const) {
      for (const url of [view.urls[size]?.webp, view.urls[size]?.jpeg]) {
        const res = await get(String(url));
        assert.equal(await exifr.gps(res.rawPayload).catch(() => undefined), undefined, url);
        assert.equal((await sharp(res.rawPayload).metadata()).exif, undefined, url);
      }
    }
  });

  test('without v, or with an old one, the current image comes, but is revalidated', async () => {
    const d = derivative('preview', 'webp');
    const base = `/api/v1/photos/${photo.id}/preview.webp`;
    for (const url of [base, `${base}?v=000000000000`, `${base}?v=${d.sha256}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers.etag, `"${d.sha256}"`);
      assert.equal(res.headers['cache-control'], REVALIDATE, url);
      assert.deepEqual(res.rawPayload, await stored(d.sha256));
    }
    const bad = await get(`${base}?v=NOT-HEX`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ code: string }>().code, 'invalid_query');
    const unknown = await get(`${base}?w=100`);
    assert.equal(unknown.statusCode, 400);
  });

  test('If-None-Match with the ETag is a 304 without a body; another tag gets the image', async () => {
    const d = derivative('thumbnail', 'jpeg');
    const url = String(view.urls.thumbnail?.jpeg);
    for (const tag of [`"${d.sha256}"`, `W/"${d.sha256}"`, `"other", "${d.sha256}"`, '*']) {
      const res = await get(url, { 'if-none-match': tag });
      assert.equal(res.statusCode, 304, tag);
      assert.equal(res.body, '');
      assert.equal(res.headers.etag, `"${d.sha256}"`);
      assert.equal(res.headers['cache-control'], IMMUTABLE);
    }
    const changed = await get(url, { 'if-none-match': '"something-else"' });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.headers['content-length'], String(d.bytes));
  });

  test('Range gets the bytes asked for as 206 with Content-Range', async () => {
    const d = derivative('large', 'jpeg');
    const bytes = await stored(d.sha256);
    const url = String(view.urls.large?.jpeg);
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, d.bytes - 1],
      ['bytes=-50', d.bytes - 50, d.bytes - 1],
      ['bytes=10-10', 10, 10],
      [`bytes=5-${d.bytes + 1000}`, 5, d.bytes - 1],
      [`bytes=-${d.bytes * 2}`, 0, d.bytes - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(url, { range });
      assert.equal(res.statusCode, 206, range);
      assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${d.bytes}`, range);
      assert.equal(res.headers['content-length'], String(end - start + 1), range);
      assert.equal(res.headers.etag, `"${d.sha256}"`);
      assert.deepEqual(res.rawPayload, bytes.subarray(start, end + 1), range);
    }
  });

  test('a Range past the end is 416 with the size, as the JSON error', async () => {
    const d = derivative('large', 'webp');
    const url = String(view.urls.large?.webp);
    for (const range of [`bytes=${d.bytes}-`, `bytes=${d.bytes + 5}-${d.bytes + 10}`, 'bytes=-0']) {
      const res = await get(url, { range });
      assert.equal(res.statusCode, 416, range);
      assert.equal(res.headers['content-range'], `bytes */${d.bytes}`);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(res.headers.etag, undefined, 'an error is no validator');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(
        [res.json<{ code: string }>().code, res.json<{ error: string }>().error],
        ['range_not_satisfiable', 'Range Not Satisfiable'],
      );
    }
  });

  test('a Range that is not one plain byte range is ignored: the whole image, 200', async () => {
    const d = derivative('preview', 'jpeg');
    const url = String(view.urls.preview?.jpeg);
    for (const range of ['bytes=0-9,20-29', 'bytes=abc', 'items=0-9', 'bytes=9-0', 'bytes=-', '']) {
      const res = await get(url, { range });
      assert.equal(res.statusCode, 200, JSON.stringify(range));
      assert.equal(res.headers['content-length'], String(d.bytes));
    }
  });

  test('If-Range: the range when it names this ETag, the whole image when not', async () => {
    const d = derivative('preview', 'webp');
    const url = String(view.urls.preview?.webp);
    const same = await get(url, { range: 'bytes=0-9', 'if-range': `"${d.sha256}"` });
    assert.equal(same.statusCode, 206);
    for (const ifRange of ['"older"', `W/"${d.sha256}"`, 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      const res = await get(url, { range: 'bytes=0-9', 'if-range': ifRange });
      assert.equal(res.statusCode, 200, ifRange);
      assert.equal(res.headers['content-length'], String(d.bytes));
    }
  });

  test('HEAD answers the same headers without a body, ranges included', async () => {
    const d = derivative('thumbnail', 'webp');
    const url = String(view.urls.thumbnail?.webp);
    const head = await get(url, {}, 'HEAD');
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String(d.bytes));
    assert.equal(head.headers['content-type'], 'image/webp');
    assert.equal(head.headers.etag, `"${d.sha256}"`);
    const part = await get(url, { range: 'bytes=0-9' }, 'HEAD');
    assert.equal(part.statusCode, 206);
    assert.equal(part.body, '');
    assert.equal(part.headers['content-range'], `bytes 0-9/${d.bytes}`);
    assert.equal(part.headers['content-length'], '10');
    const cached = await get(url, { 'if-none-match': `"${d.sha256}"` }, 'HEAD');
    assert.equal(cached.statusCode, 304);
  });

  test('the original is served as uploaded, to the studio, revalidated each time', async () => {
    const url = `/api/v1/photos/${photo.id}/original`;
    const headers = { cookie: owner.cookie };
    const res = await h.gallery.inject({ url, headers });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.rawPayload, original, 'byte for byte, EXIF and GPS included');
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers.etag, `"${photo.sha256}"`);
    assert.equal(res.headers['cache-control'], REVALIDATE);
    const part = await h.gallery.inject({ url, headers: { ...headers, range: 'bytes=2-3' } });
    assert.equal(part.statusCode, 206);
    assert.deepEqual(part.rawPayload, original.subarray(2, 4));
    const cached = await h.gallery.inject({
      url,
      headers: { ...headers, 'if-none-match': `"${photo.sha256}"` },
    });
    assert.equal(cached.statusCode, 304);
    const tooFar = await h.gallery.inject({
      url,
      headers: { ...headers, range: `bytes=${original.length}-` },
    });
    assert.equal(tooFar.statusCode, 416);
  });

  test('a thumbnail served again (from memory) is the same bytes, ranges included', async () => {
    const d = derivative('thumbnail', 'webp');
    const bytes = await stored(d.sha256);
    const url = `/api/v1/photos/${photo.id}/thumbnail.webp`;
    for (let i = 0; i < 2; i++) {
      const whole = await get(url);
      assert.equal(whole.statusCode, 200);
      assert.deepEqual(whole.rawPayload, bytes);
      assert.equal(whole.headers['content-length'], String(bytes.length));
    }
    const part = await get(url, { range: 'bytes=10-19' });
    assert.equal(part.statusCode, 206);
    assert.deepEqual(part.rawPayload, bytes.subarray(10, 20));
    assert.equal(part.headers['content-range'], `bytes 10-19/${bytes.length}`);
    const tail = await get(url, { range: 'bytes=-5' });
    assert.deepEqual(tail.rawPayload, bytes.subarray(bytes.length - 5));
  });

  test('a blob lost from storage is a JSON 404, not a broken stream', async () => {
    const other = await addPhoto(h, {
      galleryId: photo.galleryId,
      collectionId: photo.collectionId,
    });
    const d = other.derivatives.find((x) => x.size === 'thumbnail' && x.format === 'jpeg');
    assert.ok(d);
    assert.equal(await h.storage.blobs.delete(d.sha256), true);
    const res = await get(`/api/v1/photos/${other.id}/thumbnail.jpg`);
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(res.headers['content-range'], undefined);
    assert.equal(res.json<{ message: string }>().message, 'The image is missing from storage');
  });
});
