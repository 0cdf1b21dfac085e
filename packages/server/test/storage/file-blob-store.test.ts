import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
