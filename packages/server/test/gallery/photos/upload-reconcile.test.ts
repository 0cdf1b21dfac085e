import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Gallery } from '@proofsheet/protocol';
import { manualClock } from '../../../src/deps.js';
import { reconcile } from '../../../src/gallery/photos/reconcile.js';
import { fileBlobStore } from '../../../src/storage/blobs/file-blob-store.js';
import { composeStorage } from '../../../src/storage/compose-storage.js';
import type { SqlConnection } from '../../../src/storage/sql-connection.js';
import { openSqlite } from '../../../src/storage/sqlite.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { jpeg, sha256, upload, uploaded } from './upload-form.js';

const HOUR = 3_600_000;

describe('reconciliation', () => {
  const root = mkdtempSync(join(tmpdir(), 'proofsheet-reconcile-'));
  let h: Harness;
  let owner: Credentials;
  let gallery: Gallery;
  // Blob times are the file system's, so reconciliation runs on a clock set from the wall.
  const clock = manualClock(new Date());
  const config = { orphanGraceMs: HOUR };

  let connection: SqlConnection;

  before(async () => {
    connection = await openSqlite(':memory:');
    const storage = composeStorage(connection, { blobs: fileBlobStore(root) });
    h = await createHarness({}, { storage });
    owner = await loginAs(h, 'owner', h.gallery);
    const collection = await createCollection(h, owner, { name: 'Reconciled' });
    gallery = await createGallery(h, owner, collection.id, { name: 'All' });
  });
  after(async () => {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('deletes orphan blobs and unfinished uploads past the grace period, and nothing else', async () => {
    const kept = uploaded(await upload(h, owner, gallery.id, await jpeg(64, 64, 21)));
    const orphan = await h.storage.blobs.put(randomBytes(5000), { contentType: 'image/jpeg' });
    mkdirSync(join(root, 'tmp'), { recursive: true });
    const part = join(root, 'tmp', 'killed-upload.part');
    writeFileSync(part, randomBytes(100));

    const now = { storage: h.storage, clock, config };
    clock.set(new Date());
    const early = await reconcile(now);
    assert.equal(early.blobsDeleted, 0, 'within the grace period nothing is deleted');
    assert.equal(early.blobsTooYoung, 1);
    assert.equal(early.unfinishedDeleted, 0);
    assert.notEqual(await h.storage.blobs.head(orphan.sha256), null);
    assert.ok(existsSync(part));

    // Past the grace period: the orphan and the part go; the photo's original stays.
    const later = new Date(Date.now() + HOUR + 60_000);
    utimesSync(part, new Date(), new Date());
    clock.set(later);
    const report = await reconcile(now);
    assert.equal(report.blobsDeleted, 1);
    assert.equal(report.bytesFreed, 5000);
    assert.equal(report.unfinishedDeleted, 1);
    assert.equal(await h.storage.blobs.head(orphan.sha256), null);
    assert.equal(existsSync(part), false);
    assert.notEqual(await h.storage.blobs.head(kept.sha256), null);
    assert.equal((await reconcile(now)).blobsDeleted, 0, 'a second pass finds nothing');
  });

  test('queues photos stuck in processing again, without doubling a job that waits', async () => {
    const bytes = await jpeg(64, 64, 22);
    const sent = uploaded(await upload(h, owner, gallery.id, bytes));
    const depth = async () => (await h.storage.jobs.depth())['photo.process'] ?? 0;
    const waiting = await depth();
    const first = await reconcile({ storage: h.storage, clock, config });
    assert.ok(first.processing >= 1);
    assert.equal(first.requeued, 0, 'each processing photo has a job waiting already');
    assert.equal(await depth(), waiting);

    // The jobs are lost, as when the database was restored from a backup taken between the
    // photo's row and its job: every photo still processing gets one again.
    await connection.db.deleteFrom('jobs').execute();
    const second = await reconcile({ storage: h.storage, clock, config });
    assert.equal(second.requeued, second.processing);
    assert.equal(await depth(), second.processing);
    const photo = await h.storage.photos.findById(sent.id);
    assert.equal(photo?.status, 'processing');
    assert.equal(photo?.sha256, sha256(bytes));
  });
});
