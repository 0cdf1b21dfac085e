import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3BlobStore, s3Client } from '../../src/storage/blobs/s3-blob-store.js';
import { describeBlobStore } from '../contracts/blob-store.contract.js';
import { s3Service } from '../helpers/s3-service.js';

const service = await s3Service('proofsheet-test');

describeBlobStore(
  'S3 (s3rver)',
  async () => {
    const server = service.server;
    if (!server) throw new Error(`s3rver unavailable: ${service.skip}`);
    const client = s3Client({
      endpoint: server.endpoint,
      bucket: server.bucket,
      region: 'us-east-1',
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      forcePathStyle: true,
    });
    const tempDir = await mkdtemp(join(tmpdir(), 'proofsheet-s3-uploads-'));
    return {
      store: s3BlobStore(client, server.bucket, { tempDir }),
      spoolDir: tempDir,
      async count() {
        let total = 0;
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({
              Bucket: server.bucket,
              Prefix: 'blobs/',
              ...(token ? { ContinuationToken: token } : {}),
            }),
          );
          total += page.KeyCount ?? 0;
          token = page.NextContinuationToken;
        } while (token);
        return total;
      },
      async close() {
        client.destroy();
        await server.stop();
        await rm(tempDir, { recursive: true, force: true });
      },
    };
  },
  { skip: service.skip },
);
