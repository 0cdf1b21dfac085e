import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { addPhoto, jpeg } from './photos.js';
import {
  type DownloadWorld,
  downloadWorld,
  readZip,
  sha256,
  unzipAvailable,
  unzipTest,
} from './world.js';

const unzip = unzipAvailable();

describe('gallery and collection ZIPs', () => {
  let w: DownloadWorld;
  let collection: Collection;
  let ceremony: Gallery;
  let party: Gallery;
  const originals = new Map<string, Buffer>();
  let photos: PhotoRecord[];

  before(async () => {
    w = await downloadWorld();
    collection = await w.collection({ name: 'Reyes Wedding' });
    ceremony = await w.gallery(collection, { name: 'Ceremony' });
    w.h.clock.advance(1000); // Galleries list oldest first: Party is the second folder.
    party = await w.gallery(collection, { name: 'Party' });
    photos = [];
    for (const [i, name] of ['first.jpg', 'second.jpg', 'third.jpg'].entries()) {
      const bytes = await jpeg(i + 1);
      originals.set(name, bytes);
      photos.push(await addPhoto(w.h, ceremony, { filename: name, bytes }));
    }
    await addPhoto(w.h, ceremony, { filename: 'hidden.jpg', bytes: await jpeg(9), hidden: true });
    await addPhoto(w.h, ceremony, { filename: 'raw.jpg', bytes: await jpeg(10), process: false });
    originals.set('dance.jpg', await jpeg(4));
    await addPhoto(w.h, party, {
      filename: 'dance.jpg',
      bytes: originals.get('dance.jpg') as Buffer,
    });
  });
  after(() => w.close());

  async function download(url: string, headers: Record<string, string> = {}, as = w.client) {
    return w.h.gallery.inject({ url, headers: { cookie: as.cookie, ...headers } });
  }

  test("a gallery's ZIP holds each ready photo it shows, byte for byte, stored, in the studio's order", async () => {
    for (const who of [w.client, w.owner]) {
      const res = await download(`/api/v1/galleries/${ceremony.id}/download`, {}, who);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/zip');
      assert.equal(Number(res.headers['content-length']), res.rawPayload.length);
      assert.equal(res.headers['accept-ranges'], 'bytes');
      const members = await readZip(res.rawPayload);
      assert.deepEqual(
        members.map((m) => m.path),
        ['first.jpg', 'second.jpg', 'third.jpg'],
        'hidden and unprocessed photos are left out, for the studio too',
      );
      for (const m of members) {
        assert.equal(m.method, 0, `${m.path} is stored, not deflated`);
        assert.equal(sha256(m.bytes), sha256(originals.get(m.path) as Buffer), m.path);
      }
      assert.deepEqual(
        members.map((m) => Math.floor(m.mtime.getTime() / 2000)),
        photos.map((p) => Math.floor(p.createdAt.getTime() / 2000)),
        "each member's time is its photo's upload time",
      );
    }
  });

  test("a collection's ZIP has a folder per gallery", async () => {
    const res = await download(`/api/v1/collections/${collection.id}/download`);
    assert.equal(res.statusCode, 200, res.body);
    const members = await readZip(res.rawPayload);
    assert.deepEqual(
      members.map((m) => m.path),
      ['Ceremony/first.jpg', 'Ceremony/second.jpg', 'Ceremony/third.jpg', 'Party/dance.jpg'],
    );
    const dance = members[3];
    assert.equal(
      sha256(dance?.bytes ?? Buffer.alloc(0)),
      sha256(originals.get('dance.jpg') as Buffer),
    );
  });

  test('names are made unique per folder, folders too, and names that escape are made safe', async () => {
    const c = await w.collection({ name: 'Duplicates' });
    const a = await w.gallery(c, { name: 'Ceremony' });
    w.h.clock.advance(1000); // Galleries list oldest first: the second one is the second folder.
    const b = await w.gallery(c, { name: 'Ceremony' });
    for (const [i, name] of ['IMG.jpg', 'IMG.jpg', 'img.JPG', '..', '../../etc/passwd'].entries()) {
      await addPhoto(w.h, a, { filename: name, bytes: await jpeg(40 + i) });
    }
    await addPhoto(w.h, b, { filename: 'IMG.jpg', bytes: await jpeg(50) });
    const res = await download(`/api/v1/collections/${c.id}/download`);
    assert.equal(res.statusCode, 200, res.body);
    const paths = (await readZip(res.rawPayload)).map((m) => m.path);
    const dots = paths.find((p) => p.startsWith('Ceremony/photo-'));
    assert.deepEqual(paths.sort(), [
      'Ceremony (2)/IMG.jpg',
      'Ceremony/.._.._etc_passwd',
      'Ceremony/IMG (2).jpg',
      'Ceremony/IMG.jpg',
      'Ceremony/img (3).JPG',
      dots,
    ]);
    assert.match(String(dots), /^Ceremony\/photo-\d{10}$/, 'a name of dots gets one of its own');
  });

  test('Info-ZIP checks every CRC of a collection ZIP', { skip: unzip }, async () => {
    const res = await download(`/api/v1/collections/${collection.id}/download`);
    const checked = unzipTest(res.rawPayload);
    assert.ok(checked.ok, checked.output);
    assert.match(checked.output, /No errors detected/);
  });

  test('the same photos give the same bytes and ETag; renaming one changes both', async () => {
    const url = `/api/v1/galleries/${ceremony.id}/download`;
    const a = await download(url);
    const b = await download(url);
    assert.equal(a.headers.etag, b.headers.etag);
    assert.match(String(a.headers.etag), /^"[A-Za-z0-9_-]{32}"$/, 'a strong ETag');
    assert.ok(a.rawPayload.equals(b.rawPayload), 'byte for byte the same');
    const first = photos[0] as PhotoRecord;
    await w.h.storage.photos.update(w.h.accountId, first.id, {
      filename: 'renamed.jpg',
      updatedAt: w.h.clock.now(),
    });
    const c = await download(url);
    assert.notEqual(c.headers.etag, a.headers.etag);
    assert.equal((await readZip(c.rawPayload))[0]?.path, 'renamed.jpg');
    await w.h.storage.photos.update(w.h.accountId, first.id, {
      filename: 'first.jpg',
      updatedAt: w.h.clock.now(),
    });
  });

  test('Range parts, resumed with If-Range, put together are the whole archive', async () => {
    const url = `/api/v1/collections/${collection.id}/download`;
    const whole = await download(url);
    const etag = String(whole.headers.etag);
    const size = whole.rawPayload.length;
    const cuts = [0, 1, 700, Math.floor(size / 2), size - 23, size];
    const parts: Buffer[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = cuts[i] as number;
      const end = (cuts[i + 1] as number) - 1;
      const last = i + 2 === cuts.length;
      const res = await download(url, {
        range: last ? `bytes=${start}-` : `bytes=${start}-${end}`,
        'if-range': etag,
      });
      assert.equal(res.statusCode, 206, res.body);
      assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${size}`);
      assert.equal(Number(res.headers['content-length']), end - start + 1);
      parts.push(res.rawPayload);
    }
    assert.ok(Buffer.concat(parts).equals(whole.rawPayload), 'the parts are the archive');
    const suffix = await download(url, { range: 'bytes=-100' });
    assert.equal(suffix.statusCode, 206);
    assert.ok(suffix.rawPayload.equals(whole.rawPayload.subarray(size - 100)));
  });

  test('If-Range naming another version, several ranges or a malformed one get the whole', async () => {
    const url = `/api/v1/galleries/${ceremony.id}/download`;
    const whole = await download(url);
    for (const headers of [
      { range: 'bytes=10-20', 'if-range': '"another-version"' },
      { range: 'bytes=10-20', 'if-range': 'Tue, 05 May 2026 10:00:00 GMT' },
      { range: 'bytes=0-9,100-109' },
      { range: 'pages=1-2' },
      { range: 'bytes=oops' },
    ]) {
      const res = await download(url, headers);
      assert.equal(res.statusCode, 200, JSON.stringify(headers));
      assert.ok(res.rawPayload.equals(whole.rawPayload), JSON.stringify(headers));
    }
  });

  test('a Range past the end is a 416 that gives the size', async () => {
    const url = `/api/v1/galleries/${ceremony.id}/download`;
    const whole = await download(url);
    const res = await download(url, { range: `bytes=${whole.rawPayload.length}-` });
    assert.equal(res.statusCode, 416);
    assert.equal(res.headers['content-range'], `bytes */${whole.rawPayload.length}`);
    assert.equal(res.json<{ code: string }>().code, 'range_not_satisfiable');
  });

  test('If-None-Match with the ETag is a 304, and HEAD sends the headers alone', async () => {
    const url = `/api/v1/galleries/${ceremony.id}/download`;
    const whole = await download(url);
    const again = await download(url, { 'if-none-match': String(whole.headers.etag) });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    const head = await w.h.gallery.inject({
      method: 'HEAD',
      url,
      headers: { cookie: w.client.cookie },
    });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(whole.rawPayload.length));
    assert.equal(head.headers.etag, whole.headers.etag);
    assert.equal(head.rawPayload.length, 0);
  });

  test('smaller sizes hold the JPEG of each photo, named .jpg', async () => {
    const g = await w.gallery(collection, { name: 'Scans' });
    const png = await (await import('sharp'))
      .default({ create: { width: 120, height: 80, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const scan = await addPhoto(w.h, g, {
      filename: 'scan.png',
      bytes: png,
      contentType: 'image/png',
    });
    for (const [size, derivative] of [
      ['web', 'preview'],
      ['high', 'large'],
    ] as const) {
      const res = await download(`/api/v1/galleries/${g.id}/download?size=${size}`);
      assert.equal(res.statusCode, 200, res.body);
      const [member] = await readZip(res.rawPayload);
      assert.equal(member?.path, 'scan.jpg');
      const made = scan.derivatives.find((d) => d.size === derivative && d.format === 'jpeg');
      const stream = await w.h.storage.blobs.get(made?.sha256 ?? '');
      assert.ok(stream);
      assert.equal(sha256(member?.bytes ?? Buffer.alloc(0)), sha256(await buffer(stream)));
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`\\(${size === 'web' ? 'web' : 'high-res'}\\)\\.zip`),
      );
    }
  });

  test("the archive's name is the collection's, in UTF-8 with an ASCII stand-in", async () => {
    const c = await w.collection({ name: 'Café Ω "Day"' });
    const g = await w.gallery(c, { name: 'Vows' });
    const res = await download(`/api/v1/galleries/${g.id}/download`);
    assert.equal(res.statusCode, 200);
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="Caf_ _ _Day_ - Vows.zip"; filename*=UTF-8''Caf%C3%A9%20%CE%A9%20_Day_%20-%20Vows.zip`,
    );
    assert.deepEqual(
      await readZip(res.rawPayload),
      [],
      'a gallery with no photo is an empty archive',
    );
  });
});
