import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Gallery } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import {
  blobCount,
  jpeg,
  mp4,
  multipart,
  postForm,
  sha256,
  upload,
  uploaded,
} from './upload-form.js';

describe('uploading photos into a gallery', () => {
  let h: Harness;
  let owner: Credentials;
  let gallery: Gallery;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    const collection = await createCollection(h, owner, { name: 'Smith Wedding' });
    gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
  });
  after(() => h.close());

  test('a JPEG is stored as sent, answered 201 `processing`, and its processing queued', async () => {
    const bytes = await jpeg(800, 600, 1);
    const before = (await h.storage.jobs.depth())['photo.process'] ?? 0;
    const res = await upload(h, owner, gallery.id, bytes, { filename: 'DSC_0412.jpg' });
    const photo = uploaded(res);
    assert.match(String(photo.id), /^\d{10}$/);
    assert.equal(photo.gallery_id, gallery.id);
    assert.equal(photo.kind, 'photo');
    assert.equal(photo.filename, 'DSC_0412.jpg');
    assert.equal(photo.content_type, 'image/jpeg');
    assert.equal(photo.size, bytes.length);
    assert.equal(photo.sha256, sha256(bytes));
    assert.equal(photo.status, 'processing');
    assert.equal(photo.position, 1);
    assert.equal(photo.urls.thumbnail, null);
    assert.equal(photo.urls.original, `/api/v1/photos/${photo.id}/original`);
    const stored = await h.storage.blobs.get(photo.sha256);
    assert.ok(stored);
    const chunks: Buffer[] = [];
    for await (const chunk of stored) chunks.push(chunk as Buffer);
    assert.ok(Buffer.concat(chunks).equals(bytes), 'the original is kept byte for byte');
    assert.equal((await h.storage.jobs.depth())['photo.process'], before + 1);
    assert.equal(await h.storage.photos.usage(h.accountId), bytes.length);
  });

  test('the type comes from the bytes: a PNG sent as image/jpeg named .jpg is a PNG', async () => {
    const png = await (await import('sharp'))
      .default({
        create: { width: 20, height: 20, channels: 3, background: '#123456' },
      })
      .png()
      .toBuffer();
    const photo = uploaded(await upload(h, owner, gallery.id, png, { filename: 'fake.jpg' }));
    assert.equal(photo.content_type, 'image/png');
  });

  test('bytes that are no photo or video get 415, whatever their name, and nothing is kept', async () => {
    const blobs = await blobCount(h);
    const photos = await h.storage.photos.listForGallery(h.accountId, gallery.id, {
      offset: 0,
      limit: 100,
    });
    const res = await upload(h, owner, gallery.id, Buffer.from('<html>not a photo</html>'), {
      filename: 'IMG_0002.JPG',
    });
    assert.equal(res.statusCode, 415, res.body);
    assert.equal(res.json().code, 'unsupported_file_type');
    assert.equal(await blobCount(h), blobs);
    const after = await h.storage.photos.listForGallery(h.accountId, gallery.id, {
      offset: 0,
      limit: 100,
    });
    assert.equal(after.total, photos.total);
  });

  test('an MP4 is a video, processing, with its poster queued like a photo', async () => {
    const before = (await h.storage.jobs.depth())['photo.process'] ?? 0;
    const bytes = mp4();
    const photo = uploaded(await upload(h, owner, gallery.id, bytes, { filename: 'clip.mp4' }));
    assert.equal(photo.kind, 'video');
    assert.equal(photo.content_type, 'video/mp4');
    assert.equal(photo.status, 'processing');
    assert.equal((await h.storage.jobs.depth())['photo.process'] ?? 0, before + 1);
  });

  test('a matching sha256 field is accepted; one that differs gets 422 and keeps nothing', async () => {
    const bytes = await jpeg(300, 200, 2);
    const ok = uploaded(await upload(h, owner, gallery.id, bytes, { sha256: sha256(bytes) }));
    assert.equal(ok.sha256, sha256(bytes));

    const other = await jpeg(300, 200, 3);
    const blobs = await blobCount(h);
    const res = await upload(h, owner, gallery.id, other, { sha256: sha256(bytes) });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'digest_mismatch');
    assert.equal(await h.storage.blobs.head(sha256(other)), null);
    assert.equal(await blobCount(h), blobs);
  });

  test('the same bytes twice are two photos over one blob', async () => {
    const bytes = await jpeg(200, 200, 4);
    const blobs = await blobCount(h);
    const first = uploaded(await upload(h, owner, gallery.id, bytes));
    const second = uploaded(await upload(h, owner, gallery.id, bytes));
    assert.notEqual(first.id, second.id);
    assert.equal(second.position, first.position + 1);
    assert.equal(await blobCount(h), blobs + 1);
  });

  test('the file name loses any directory; without one it is made from the hash', async () => {
    const bytes = await jpeg(100, 100, 5);
    const windows = uploaded(
      await upload(h, owner, gallery.id, bytes, { filename: 'C:\\Users\\ada\\IMG_7.JPG' }),
    );
    assert.equal(windows.filename, 'IMG_7.JPG');
    const none = uploaded(
      await postForm(h, owner, gallery.id, multipart([{ name: 'file', bytes }])),
    );
    assert.equal(none.filename, `${sha256(bytes).slice(0, 12)}.jpg`);
    const res = await upload(h, owner, gallery.id, bytes, { filename: 'bad\u0007name.jpg' });
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(Object.keys(res.json().details), ['file']);
  });

  test('a form that breaks the rule gets 422: no file, another field, two files, an empty file', async () => {
    const bytes = await jpeg(64, 64, 6);
    const forms = {
      'no file': multipart([{ name: 'sha256', value: sha256(bytes) }]),
      'another field': multipart([
        { name: 'title', value: 'x' },
        { name: 'file', filename: 'a.jpg', bytes },
      ]),
      'two files': multipart([
        { name: 'file', filename: 'a.jpg', bytes },
        { name: 'file', filename: 'b.jpg', bytes },
      ]),
      'a file in another part': multipart([{ name: 'photo', filename: 'a.jpg', bytes }]),
      'an empty file': multipart([{ name: 'file', filename: 'a.jpg', bytes: Buffer.alloc(0) }]),
      'a sha256 that is no hash': multipart([
        { name: 'sha256', value: 'abc' },
        { name: 'file', filename: 'a.jpg', bytes },
      ]),
    };
    const photos = (
      await h.storage.photos.listForGallery(h.accountId, gallery.id, { offset: 0, limit: 1 })
    ).total;
    for (const [what, form] of Object.entries(forms)) {
      const res = await postForm(h, owner, gallery.id, form);
      assert.equal(res.statusCode, 422, `${what}: ${res.body}`);
      assert.equal(res.json().code, 'validation_failed', what);
    }
    const after = (
      await h.storage.photos.listForGallery(h.accountId, gallery.id, { offset: 0, limit: 1 })
    ).total;
    assert.equal(after, photos, 'no photo was made of any of them');
  });

  test('a body that is not multipart gets 415; a malformed one 400; none 422', async () => {
    const json = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${gallery.id}/photos`,
      headers: owner.headers,
      payload: { file: 'x' },
    });
    assert.equal(json.statusCode, 415, json.body);
    assert.equal(json.json().code, 'unsupported_media_type');
    assert.match(json.json().message, /multipart\/form-data/);

    const cut = multipart([{ name: 'file', filename: 'a.jpg', bytes: await jpeg(64, 64, 7) }]);
    const truncated = await postForm(h, owner, gallery.id, {
      body: cut.body.subarray(0, cut.body.length - 40),
      contentType: cut.contentType,
    });
    assert.equal(truncated.statusCode, 400, truncated.body);
    assert.equal(truncated.json().code, 'bad_request');

    const noBoundary = await postForm(h, owner, gallery.id, {
      body: 'hello',
      contentType: 'multipart/form-data',
    });
    assert.equal(noBoundary.statusCode, 400, noBoundary.body);

    const empty = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/galleries/${gallery.id}/photos`,
      headers: owner.headers,
    });
    assert.equal(empty.statusCode, 422, empty.body);
  });

  test('staff upload; a gallery client gets 403; an unknown gallery 404, a malformed ID 400', async () => {
    const bytes = await jpeg(64, 64, 8);
    const assistant = await loginAs(h, 'assistant', h.gallery);
    assert.equal((await upload(h, assistant, gallery.id, bytes)).statusCode, 201);
    const client = await loginAs(h, 'gallery_client', h.gallery);
    const refused = await upload(h, client, gallery.id, bytes);
    assert.equal(refused.statusCode, 403, refused.body);
    const unknown = await upload(h, owner, 999_999_999, bytes);
    assert.equal(unknown.statusCode, 404, unknown.body);
    const malformed = await upload(h, owner, 'abc' as unknown as number, bytes);
    assert.equal(malformed.statusCode, 400, malformed.body);
  });
});

describe('upload limits', () => {
  let h: Harness;
  let owner: Credentials;
  let gallery: Gallery;
  const limit = 64 * 1024;
  const quota = 200 * 1024;

  before(async () => {
    h = await createHarness({ maxUploadBytes: limit, storageQuotaBytes: quota });
    owner = await loginAs(h, 'owner', h.gallery);
    const collection = await createCollection(h, owner, { name: 'Limits' });
    gallery = await createGallery(h, owner, collection.id, { name: 'All' });
  });
  after(() => h.close());

  /** A JPEG header, then noise: a valid type, of exactly `size` bytes. */
  const jpegOf = (size: number) =>
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);

  test('a file over the limit gets 413, whether the length tells or the stream does', async () => {
    const blobs = await blobCount(h);
    // Far over: the declared length refuses it before a byte is read.
    const early = await upload(h, owner, gallery.id, jpegOf(limit * 2));
    assert.equal(early.statusCode, 413, early.body);
    assert.equal(early.json().code, 'payload_too_large');
    assert.match(early.json().message, /64 KiB/);
    assert.equal(early.headers.connection, 'close', 'the rest of the body is not read');
    // Just over: within the form's slack, so the blob store counts it and refuses.
    const late = await upload(h, owner, gallery.id, jpegOf(limit + 1));
    assert.equal(late.statusCode, 413, late.body);
    assert.equal(late.json().code, 'payload_too_large');
    assert.equal(await blobCount(h), blobs, 'nothing kept');
    assert.equal(uploaded(await upload(h, owner, gallery.id, jpegOf(limit))).size, limit);
  });

  test('over the quota gets 413 saying what is used of what; nothing kept; what fits still does', async () => {
    // 64 KiB are stored by the test before; 20 + 2 × 50 more leave 16 KiB of the 200.
    const small = jpegOf(20 * 1024);
    for (const bytes of [small, jpegOf(50 * 1024), jpegOf(50 * 1024)]) {
      uploaded(await upload(h, owner, gallery.id, bytes));
    }
    const used = await h.storage.photos.usage(h.accountId);
    assert.equal(used, quota - 16 * 1024);
    const blobs = await blobCount(h);

    // Declared far over what is left: refused before a byte of it is read.
    const early = await upload(h, owner, gallery.id, jpegOf(60 * 1024));
    assert.equal(early.statusCode, 413, early.body);
    assert.equal(early.json().code, 'quota_exceeded');
    assert.match(early.json().message, new RegExp(`${used} of ${quota} bytes`));

    // Within the form's slack: stored, then refused with the photo row, and the blob deleted.
    const late = jpegOf(20 * 1024);
    const res = await upload(h, owner, gallery.id, late);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().code, 'quota_exceeded');
    assert.match(res.json().message, /stores 184 KiB of its 200 KiB quota/);
    assert.equal(await h.storage.blobs.head(sha256(late)), null);
    assert.equal(await blobCount(h), blobs);
    assert.equal(await h.storage.photos.usage(h.accountId), used);

    // Bytes another photo holds stay when an upload of them is refused.
    const again = await upload(h, owner, gallery.id, small);
    assert.equal(again.statusCode, 413, again.body);
    assert.notEqual(await h.storage.blobs.head(sha256(small)), null);

    uploaded(await upload(h, owner, gallery.id, jpegOf(1024)));
  });
});
