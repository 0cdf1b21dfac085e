import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Collection, Gallery } from '@proofsheet/protocol';
import { fileBlobStore } from '../../../src/storage/blobs/file-blob-store.js';
import type { BlobStore } from '../../../src/storage/ports/blob-store.js';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { openSqliteStorage } from '../../helpers/open-storage.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addPhoto } from './photos.js';
import { downloadsSettled, readZip } from './world.js';

/** The file blob store, counting the read streams it has handed out and not yet closed. */
function countedBlobs(inner: BlobStore) {
  let open = 0;
  let opened = 0;
  let idle: Array<() => void> = [];
  const store: BlobStore = {
    ...inner,
    async get(sha256, range) {
      const stream = await inner.get(sha256, range);
      if (stream) {
        open += 1;
        opened += 1;
        stream.once('close', () => {
          open -= 1;
          if (open === 0) for (const resolve of idle.splice(0)) resolve();
        });
      }
      return stream;
    },
  };
  return {
    store,
    open: () => open,
    opened: () => opened,
    /** Resolves when every stream is closed; fails the test if that takes more than 10 s. */
    allClosed(): Promise<void> {
      if (open === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${open} blob streams are still open`)),
          10_000,
        );
        idle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    reset() {
      opened = 0;
      idle = [];
    },
  };
}

/**
 * Starts a GET over a real socket, reads at least `bytes` of the body, then drops the
 * connection; resolves with what had arrived.
 */
function readThenHangUp(url: string, cookie: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`answered ${res.statusCode}`));
        return;
      }
      let got = 0;
      res.on('data', (chunk: Buffer) => {
        got += chunk.length;
        if (got >= bytes) {
          req.destroy();
          resolve(got);
        }
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

function fetchWhole(url: string, cookie: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a client that hangs up mid-download', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-disconnect-'));
  const blobs = countedBlobs(fileBlobStore(dir));
  let h: Harness;
  let galleryUrl: string;
  let cookie: string;
  let collection: Collection;
  let gallery: Gallery;
  const videos: PhotoRecord[] = [];
  const MB = 1024 * 1024;

  before(async () => {
    h = await createHarness(
      {},
      { storage: await openSqliteStorage(':memory:', { blobs: blobs.store }) },
    );
    ({ galleryUrl } = await h.listen());
    const owner = await loginAs(h, 'owner', h.gallery);
    const client = await loginAs(h, 'gallery_client');
    cookie = client.cookie;
    collection = await createCollection(h, owner, {
      name: 'Long films',
      shared_with: [h.users.gallery_client.email],
    });
    gallery = await createGallery(h, owner, collection.id, { name: 'Films' });
    // Far more than the socket buffers hold, so the server is mid-archive when the client goes.
    for (let i = 0; i < 6; i++) {
      videos.push(
        await addPhoto(h, gallery, {
          filename: `film-${i}.mp4`,
          bytes: randomBytes(4 * MB),
          kind: 'video',
        }),
      );
    }
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('leaves no blob stream open, opens no further member, and is recorded as cut short', async () => {
    blobs.reset();
    const url = `${galleryUrl}/api/v1/galleries/${gallery.id}/download`;
    const got = await readThenHangUp(url, cookie, 256 * 1024);
    assert.ok(got < 24 * MB);
    await blobs.allClosed();
    assert.equal(blobs.open(), 0);
    assert.ok(
      blobs.opened() < videos.length,
      `opened ${blobs.opened()} of ${videos.length} members`,
    );
    await downloadsSettled(h, collection.id);
    const { items } = await h.storage.downloads.list(h.accountId, collection.id, {
      offset: 0,
      limit: 1,
    });
    const [record] = items;
    assert.equal(record?.subject, 'gallery');
    assert.equal(record?.completed, false);
    assert.ok((record?.bytesSent ?? Infinity) < (record?.bytesExpected ?? 0));
  });

  test('one large file cut short closes its stream too', async () => {
    blobs.reset();
    const video = videos[0] as PhotoRecord;
    await readThenHangUp(`${galleryUrl}/api/v1/photos/${video.id}/download`, cookie, 64 * 1024);
    await blobs.allClosed();
    assert.equal(blobs.open(), 0);
  });

  test('a Range that ends early closes the member it was reading', async () => {
    blobs.reset();
    const url = `${galleryUrl}/api/v1/galleries/${gallery.id}/download`;
    const res = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = request(
        url,
        { headers: { cookie, range: `bytes=${MB}-${MB + 999}` }, agent: false },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.status, 206);
    assert.equal(res.body.length, 1000);
    await blobs.allClosed();
    assert.equal(blobs.opened(), 1, 'only the first member was read');
  });

  test('the server goes on serving whole archives afterwards', async () => {
    const zip = await fetchWhole(`${galleryUrl}/api/v1/galleries/${gallery.id}/download`, cookie);
    const members = await readZip(zip);
    assert.equal(members.length, videos.length);
    await blobs.allClosed();
  });
});
