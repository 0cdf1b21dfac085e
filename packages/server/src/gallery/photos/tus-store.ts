import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore, KvStore } from '@tus/utils';
import type { Config } from '../../config/config.js';

/** Where unfinished tus uploads are kept, and how they are read back and expired. */
export type TusDataStore = DataStore & {
  read(id: string): Readable | Promise<Readable>;
  deleteExpired(): Promise<number>;
};

/**
 * S3Store caches each upload's `.info` in process by default. Another instance that finishes,
 * terminates or expires the upload cannot clear that cache, and S3Store reads "info cached,
 * multipart upload gone" as a finished upload (offset = size). So the info is read from S3 on
 * every request: one GET, and every instance sees the same upload.
 */
function uncached<T>(): KvStore<T> {
  return {
    get: async () => undefined,
    set: async () => undefined,
    delete: async () => undefined,
  };
}

/**
 * The tus store the configuration names: S3 (multipart uploads in the photo bucket) when
 * `config.s3` is set, else files under `<dataDir>/uploads`. Unfinished uploads untouched for
 * `expiryMs` are what `deleteExpired()` removes.
 */
export function tusDataStore(config: Config, expiryMs: number): TusDataStore {
  if (config.s3) {
    const s3 = config.s3;
    return new S3Store({
      // 8 MiB parts: S3's minimum is 5 MiB, and a 25 MB JPEG is then four parts.
      partSize: 8 * 1024 * 1024,
      expirationPeriodInMilliseconds: expiryMs,
      cache: uncached(),
      s3ClientConfig: {
        bucket: s3.bucket,
        region: s3.region,
        ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
        forcePathStyle: s3.forcePathStyle,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
    });
  }
  return new FileStore({
    directory: join(resolve(config.dataDir), 'uploads'),
    expirationPeriodInMilliseconds: expiryMs,
  });
}
