/**
 * The in-memory copies of small images: read once from the real file store, then from memory;
 * bounded in bytes; never holding what is too big, missing, or not the size the row says.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileBlobStore } from '../../src/storage/blobs/file-blob-store.js';
import { SmallBlobCache } from '../../src/storage/blobs/small-blob-cache.js';
import type { BlobStore } from '../../src/storage/ports/blob-store.js';

describe('SmallBlobCache over the file blob store', () => {
  let root: string;
  let store: BlobStore;
  /** How often the cache went to the store. */
  let reads = 0;
  const counted: Pick<BlobStore, 'get'> = {
    get: (sha256, range) => {
      reads++;
      return store.get(sha256, range);
    },
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'proofsheet-cache-'));
    store = fileBlobStore(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function blob(bytes: number): Promise<{ sha256: string; size: number; bytes: Buffer }> {
    const content = randomBytes(bytes);
    const stored = await store.put(content, { contentType: 'image/webp' });
    return { ...stored, bytes: content };
  }

  it('reads a blob once, then answers from memory with the same bytes', async () => {
    const cache = new SmallBlobCache(counted, { maxBytes: 1 << 20, maxEntryBytes: 1 << 16 });
    const b = await blob(5000);
    reads = 0;
    assert.deepEqual(await cache.read(b.sha256, b.size), b.bytes);
    assert.deepEqual(await cache.read(b.sha256, b.size), b.bytes);
    assert.equal(reads, 1);
    // Gone from the store, still whole in memory: the bytes of a hash never change.
    await store.delete(b.sha256);
    assert.deepEqual(await cache.read(b.sha256, b.size), b.bytes);
  });

  it('many requests for one cold blob read it from the store once', async () => {
    const cache = new SmallBlobCache(counted, { maxBytes: 1 << 20, maxEntryBytes: 1 << 18 });
    const b = await blob(200_000);
    reads = 0;
    const got = await Promise.all(Array.from({ length: 20 }, () => cache.read(b.sha256, b.size)));
    assert.equal(reads, 1);
    for (const bytes of got) assert.deepEqual(bytes, b.bytes);
  });

  it('holds nothing bigger than an entry may be, nor missing or mis-sized blobs', async () => {
    const cache = new SmallBlobCache(counted, { maxBytes: 1 << 20, maxEntryBytes: 1000 });
    const big = await blob(1001);
    assert.equal(cache.holds(big.size), false);
    assert.equal(await cache.read(big.sha256, big.size), null);

    assert.equal(await cache.read('0'.repeat(64), 10), null, 'missing');

    const b = await blob(800);
    reads = 0;
    assert.equal(await cache.read(b.sha256, 700), null, 'longer than the row says');
    assert.equal(await cache.read(b.sha256, 900), null, 'shorter than the row says');
    assert.deepEqual(await cache.read(b.sha256, b.size), b.bytes);
    assert.equal(reads, 3, 'a mis-sized read was not kept');
  });

  it('keeps at most maxBytes, dropping the least recently used', async () => {
    const cache = new SmallBlobCache(counted, { maxBytes: 3000, maxEntryBytes: 1000 });
    const [a, b, c, d] = await Promise.all([blob(1000), blob(1000), blob(1000), blob(1000)]);
    assert.ok(a && b && c && d);
    for (const x of [a, b, c]) await cache.read(x.sha256, x.size);
    await cache.read(a.sha256, a.size); // a is now the most recently used
    await cache.read(d.sha256, d.size); // room for d: b goes
    reads = 0;
    await cache.read(a.sha256, a.size);
    await cache.read(c.sha256, c.size);
    await cache.read(d.sha256, d.size);
    assert.equal(reads, 0, 'a, c and d are held');
    await cache.read(b.sha256, b.size);
    assert.equal(reads, 1, 'b was dropped');
  });

  it('with no memory given, every read is left to the store', async () => {
    const cache = new SmallBlobCache(counted, { maxBytes: 0, maxEntryBytes: 1000 });
    const b = await blob(10);
    reads = 0;
    assert.equal(cache.holds(b.size), false);
    assert.equal(await cache.read(b.sha256, b.size), null);
    assert.equal(reads, 0);
  });
});
