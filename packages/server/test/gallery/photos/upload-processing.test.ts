import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Gallery, Photo } from '@proofsheet/protocol';
import { fileBlobStore } from '../../../src/storage/blobs/file-blob-store.js';
import { composeStorage } from '../../../src/storage/compose-storage.js';
import { openSqlite } from '../../../src/storage/sqlite.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { jpeg, sha256, upload, uploaded } from './upload-form.js';

/** The photo as the studio reads it now. */
async function current(h: Harness, id: number): Promise<Photo['status'] | undefined> {
  return (await h.storage.photos.findById(id))?.status;
}

/** Waits until the photo has left `processing`, polling the store. */
async function settled(h: Harness, id: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await current(h, id)) === 'processing') {
    if (Date.now() > deadline) throw new Error(`photo ${id} is still processing`);
    await sleep(20);
  }
  const photo = await h.storage.photos.findById(id);
  assert.ok(photo);
  return photo;
}

async function setUp(h: Harness): Promise<{ owner: Credentials; gallery: Gallery }> {
  const owner = await loginAs(h, 'owner', h.gallery);
  const collection = await createCollection(h, owner, { name: 'Processed' });
  const gallery = await createGallery(h, owner, collection.id, { name: 'All' });
  return { owner, gallery };
}

describe('photo workers', () => {
  let h: Harness;
  let owner: Credentials;
  let gallery: Gallery;

  before(async () => {
    h = await createHarness({}, { photoWorkers: 1 });
    ({ owner, gallery } = await setUp(h));
  });
  after(() => h.close());

  test('an uploaded photo goes from processing to ready, with its sizes and size in pixels', async () => {
    const sent = uploaded(await upload(h, owner, gallery.id, await jpeg(1200, 800, 11)));
    assert.equal(sent.status, 'processing');
    const photo = await settled(h, sent.id);
    assert.equal(photo.status, 'ready');
    assert.equal(photo.statusReason, null);
    assert.equal(photo.width, 1200);
    assert.equal(photo.height, 800);
    assert.ok(photo.thumbhash);
    const sizes = photo.derivatives.map((d) => `${d.size}.${d.format}`).sort();
    assert.deepEqual(sizes, [
      'large.jpeg',
      'large.webp',
      'preview.jpeg',
      'preview.webp',
      'thumbnail.jpeg',
      'thumbnail.webp',
    ]);
    for (const d of photo.derivatives) assert.notEqual(await h.storage.blobs.head(d.sha256), null);
    assert.equal(
      await h.storage.photos.usage(h.accountId),
      photo.size + photo.derivatives.reduce((n, d) => n + d.bytes, 0),
      'the sizes count in the usage',
    );
    const res = await h.gallery.inject({
      method: 'GET',
      url: `/api/v1/collections/${gallery.collection_id}/galleries`,
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200);
  });

  test('an image at fault fails at once with the reason, and is not retried', async () => {
    // A JPEG's first bytes, then noise: sniffed as a JPEG, refused by the decoder.
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20_000)]);
    const sent = uploaded(await upload(h, owner, gallery.id, corrupt, { filename: 'bad.jpg' }));
    const photo = await settled(h, sent.id);
    assert.equal(photo.status, 'failed');
    assert.ok(photo.statusReason && photo.statusReason.length > 0, 'a reason in words');
    assert.equal((await h.storage.jobs.depth())['photo.process'] ?? 0, 0, 'no retry waits');
  });
});

describe('photo workers when storage fails', () => {
  const root = mkdtempSync(join(tmpdir(), 'proofsheet-worker-blobs-'));
  let h: Harness;
  let owner: Credentials;
  let gallery: Gallery;

  before(async () => {
    // Two attempts, retried at once: what is tested is that the error is retried, then final.
    const storage = composeStorage(await openSqlite(':memory:'), {
      blobs: fileBlobStore(root),
      queue: { maxAttempts: 2, retryDelayMs: 0, pollIntervalMs: 20 },
    });
    h = await createHarness({}, { storage, photoWorkers: 1 });
    ({ owner, gallery } = await setUp(h));
  });
  after(async () => {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('an error of the server is retried, and after the last attempt the photo fails with it', async () => {
    const bytes = await jpeg(300, 200, 12);
    const hash = sha256(bytes);
    // Where the original's file goes, a directory: it exists, and reading it fails (EISDIR),
    // as a disk or a bucket fails. The upload finds the "blob" there and keeps it.
    mkdirSync(join(root, hash.slice(0, 2), hash.slice(2, 4), hash), { recursive: true });
    const sent = uploaded(await upload(h, owner, gallery.id, bytes));
    const photo = await settled(h, sent.id);
    assert.equal(photo.status, 'failed');
    assert.match(photo.statusReason ?? '', /^Processing failed 2 times; the last time: .*EISDIR/);
    assert.equal((await h.storage.jobs.depth())['photo.process'] ?? 0, 0);
  });
});
