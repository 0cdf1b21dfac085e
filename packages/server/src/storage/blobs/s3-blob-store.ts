import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Config } from '../../config/config.js';
import {
  type BlobRange,
  type BlobStore,
  isSha256,
  type ListedBlob,
  type PutBlobOptions,
  type StoredBlob,
} from '../ports/blob-store.js';
import { checkExpected, HashingStream } from './hashing-stream.js';
import { purgeParts } from './unfinished-puts.js';

export interface S3BlobStoreOptions {
  /** Where uploads are spooled and verified before they are sent. */
  tempDir: string;
}

/** The S3 client as the server makes it, from the `s3` configuration block. */
export function s3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // SDK v3 sends CRC32 checksums by default, which many S3-compatible servers reject.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Blobs as objects `blobs/<sha256>` in one bucket. An upload is spooled to a temp file while
 * hashed, verified, and only then sent in one PutObject: an object under its final key only
 * ever has the full, verified content (S3 makes a PutObject visible whole or not at all).
 */
export function s3BlobStore(
  client: S3Client,
  bucket: string,
  options: S3BlobStoreOptions,
): BlobStore {
  const key = (sha256: string) => `blobs/${sha256}`;

  async function headObject(sha256: string) {
    try {
      return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key(sha256) }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  return {
    async put(content: Readable | Buffer, put: PutBlobOptions): Promise<StoredBlob> {
      await mkdir(options.tempDir, { recursive: true, mode: 0o700 });
      const temp = join(options.tempDir, `${randomBytes(8).toString('hex')}.part`);
      const hashing = new HashingStream(put.maxBytes);
      try {
        const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
        await pipeline(source, hashing, createWriteStream(temp, { mode: 0o600 }));
        const sha256 = hashing.digest();
        checkExpected(sha256, put.expectedSha256);
        const size = hashing.size;
        if ((await headObject(sha256)) === null) {
          // Concurrent puts of the same content each write identical bytes: the last one wins.
          await client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key(sha256),
              Body: createReadStream(temp),
              ContentLength: size,
              ContentType: put.contentType,
            }),
          );
        }
        return { sha256, size };
      } finally {
        await rm(temp, { force: true });
      }
    },

    async head(sha256) {
      if (!isSha256(sha256)) return null;
      const head = await headObject(sha256);
      if (head === null) return null;
      return {
        size: head.ContentLength ?? 0,
        contentType: head.ContentType ?? 'application/octet-stream',
      };
    },

    async get(sha256: string, range: BlobRange = {}) {
      if (!isSha256(sha256)) return null;
      const start = range.start ?? 0;
      const header =
        range.start === undefined && range.end === undefined
          ? undefined
          : `bytes=${start}-${range.end ?? ''}`;
      try {
        const result = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key(sha256),
            ...(header ? { Range: header } : {}),
          }),
        );
        return result.Body as Readable;
      } catch (error) {
        if (isNotFound(error)) return null;
        // A range starting past the end (416): the file store reads it as empty, so does this.
        if (errorName(error) === 'InvalidRange') return Readable.from([]);
        throw error;
      }
    },

    async delete(sha256) {
      if (!isSha256(sha256)) return false;
      // S3 deletes a missing key without complaint: ask first, to answer whether there was one.
      if ((await headObject(sha256)) === null) return false;
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(sha256) }));
      return true;
    },

    async *list(): AsyncIterable<ListedBlob> {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: 'blobs/',
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const object of page.Contents ?? []) {
          const sha256 = object.Key?.slice('blobs/'.length) ?? '';
          if (!isSha256(sha256)) continue;
          yield {
            sha256,
            size: object.Size ?? 0,
            lastModified: object.LastModified ?? new Date(0),
          };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    // An object appears whole with its one PutObject; only the local spool files can be left.
    purgeIncomplete: (before) => purgeParts(options.tempDir, before),

    async health() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        return { blobs: true };
      } catch {
        return { blobs: false };
      }
    },
  };
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | null)?.name;
}

function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'NotFound' || name === 'NoSuchKey') return true;
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;
}
