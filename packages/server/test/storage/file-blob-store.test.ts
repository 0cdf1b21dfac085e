import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileBlobStore } from '../../src/storage/blobs/file-blob-store.js';
import { describeBlobStore } from '../contracts/blob-store.contract.js';

/** Data files: the 64-hex names under the shard directories (not `.type`, not `tmp/`). */
async function countBlobs(root: string): Promise<number> {
  const entries = await readdir(root, { recursive: true });
  return entries.filter((e) => /(^|\/)[0-9a-f]{64}$/.test(e)).length;
}

describeBlobStore('files', async () => {
  const root = await mkdtemp(join(tmpdir(), 'proofsheet-blobs-'));
  return {
    store: fileBlobStore(root),
    count: () => countBlobs(root),
    spoolDir: join(root, 'tmp'),
    close: () => rm(root, { recursive: true, force: true }),
  };
});

test('a read asked for large chunks gets them, and the same bytes', async () => {
  const root = await mkdtemp(join(tmpdir(), 'proofsheet-blobs-'));
  try {
    const store = fileBlobStore(root);
    const content = randomBytes(3 * 1024 * 1024 + 7);
    const { sha256 } = await store.put(content, { contentType: 'image/jpeg' });
    const sizes = async (options?: { chunkBytes: number }) => {
      const stream = await store.get(sha256, undefined, options);
      assert.ok(stream);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      assert.deepEqual(Buffer.concat(chunks), content);
      return chunks.map((c) => c.length);
    };
    assert.equal(Math.max(...(await sizes())), 64 * 1024, 'the default');
    assert.deepEqual(await sizes({ chunkBytes: 1024 * 1024 }), [
      1024 * 1024,
      1024 * 1024,
      1024 * 1024,
      7,
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
