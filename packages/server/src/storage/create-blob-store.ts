import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { fileBlobStore } from './blobs/file-blob-store.js';
import { s3BlobStore, s3Client } from './blobs/s3-blob-store.js';
import type { BlobStore } from './ports/blob-store.js';

/**
 * The one place that picks the blob store from the configuration: S3 when a bucket is
 * configured, else files under `<dataDir>/blobs`.
 */
export function createBlobStore(
  config: Pick<Config, 's3'>,
  dataDir: string,
): { store: BlobStore; description: string } {
  if (config.s3) {
    const { bucket, endpoint } = config.s3;
    return {
      store: s3BlobStore(s3Client(config.s3), bucket, {
        tempDir: join(tmpdir(), 'proofsheet-blob-uploads'),
      }),
      description: `blobs in S3 bucket ${bucket}${endpoint ? ` at ${endpoint}` : ''}`,
    };
  }
  const root = join(resolve(dataDir), 'blobs');
  return { store: fileBlobStore(root), description: `blobs under ${root}` };
}
