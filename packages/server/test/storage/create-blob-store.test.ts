import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { createBlobStore } from '../../src/storage/create-blob-store.js';

describe('createBlobStore', () => {
  it('keeps blobs under <dataDir>/blobs when no bucket is configured', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'proofsheet-data-'));
    try {
      const { store, description } = createBlobStore(parseConfig({}), dataDir);
      assert.equal(description, `blobs under ${join(dataDir, 'blobs')}`);
      const { sha256 } = await store.put(randomBytes(64), { contentType: 'image/jpeg' });
      await stat(join(dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('picks S3 when the bucket and credentials are configured', () => {
    const config = parseConfig({
      PROOFSHEET_S3_BUCKET: 'photos',
      PROOFSHEET_S3_ACCESS_KEY_ID: 'id',
      PROOFSHEET_S3_SECRET_ACCESS_KEY: 'secret',
      PROOFSHEET_S3_ENDPOINT: 'http://127.0.0.1:9',
    });
    const { description } = createBlobStore(config, '/nonexistent');
    assert.equal(description, 'blobs in S3 bucket photos at http://127.0.0.1:9');
  });
});
