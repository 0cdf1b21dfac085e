import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type BlobRange,
  type BlobReadOptions,
  type BlobStore,
  isSha256,
  type ListedBlob,
  type PutBlobOptions,
  type StoredBlob,
} from '../ports/blob-store.js';
import { checkExpected, HashingStream } from './hashing-stream.js';
import { purgeParts } from './unfinished-puts.js';

/**
 * Blobs as files under `root`: the bytes at `ab/cd/<sha256>` (the hash's first two byte pairs
 * shard the directories) and the content type beside them in `<sha256>.type`, a one-line text
 * file. Uploads go to `root/tmp/` (the same filesystem, so the rename is atomic), are fsynced,
 * verified, and renamed into place: the data file exists only complete. The type file is
 * written before the rename, so a blob that exists always has one.
 */
export function fileBlobStore(root: string): BlobStore {
  const tmp = join(root, 'tmp');
  const dirOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  const dataPath = (sha256: string) => join(dirOf(sha256), sha256);
  const typePath = (sha256: string) => `${dataPath(sha256)}.type`;

  async function exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Writes a small file atomically: temp, fsync, rename. */
  async function writeAtomic(path: string, text: string): Promise<void> {
    const temp = join(tmp, `${randomBytes(8).toString('hex')}.part`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  }

  return {
    async put(content: Readable | Buffer, options: PutBlobOptions): Promise<StoredBlob> {
      await mkdir(tmp, { recursive: true, mode: 0o700 });
      const temp = join(tmp, `${randomBytes(8).toString('hex')}.part`);
      const hashing = new HashingStream(options.maxBytes);
      try {
        const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
        const out = createWriteStream(temp, { mode: 0o600 });
        await pipeline(source, hashing, out);
        // Durable before it gets its final name: a crash never leaves a short blob in place.
        const handle = await open(temp, constants.O_RDONLY);
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        const sha256 = hashing.digest();
        checkExpected(sha256, options.expectedSha256);
        const size = hashing.size;
        if (await exists(dataPath(sha256))) {
          await unlink(temp);
          // Stored again now: reconciliation's grace period counts from this put, so an upload
          // of bytes an orphan already holds is not undone before its photo is made.
          const now = new Date();
          await utimes(dataPath(sha256), now, now).catch(() => {});
          return { sha256, size };
        }
        await mkdir(dirOf(sha256), { recursive: true, mode: 0o700 });
        await writeAtomic(typePath(sha256), `${options.contentType}\n`);
        // Concurrent puts of the same content rename identical bytes: the last one wins, harmlessly.
        await rename(temp, dataPath(sha256));
        return { sha256, size };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async head(sha256) {
      if (!isSha256(sha256)) return null;
      try {
        const { size } = await stat(dataPath(sha256));
        const contentType = (await readFile(typePath(sha256), 'utf8')).trim();
        return { size, contentType };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async get(sha256: string, range: BlobRange = {}, options: BlobReadOptions = {}) {
      if (!isSha256(sha256)) return null;
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(dataPath(sha256), constants.O_RDONLY);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      // The open handle keeps reading the bytes even if the blob is deleted meanwhile.
      return handle.createReadStream({
        ...(options.chunkBytes ? { highWaterMark: options.chunkBytes } : {}),
        start: range.start ?? 0,
        ...(range.end !== undefined ? { end: range.end } : {}),
      });
    },

    async delete(sha256) {
      if (!isSha256(sha256)) return false;
      try {
        await unlink(dataPath(sha256));
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      await rm(typePath(sha256), { force: true });
      return true;
    },

    async *list(): AsyncIterable<ListedBlob> {
      for (const first of await shardNames(root)) {
        for (const second of await shardNames(join(root, first))) {
          const dir = join(root, first, second);
          for (const name of await readdir(dir).catch(missingAsEmpty)) {
            if (!isSha256(name)) continue;
            try {
              const info = await stat(join(dir, name));
              yield { sha256: name, size: info.size, lastModified: info.mtime };
            } catch (error) {
              // Deleted between the listing and the stat: not there any more.
              if (!isMissing(error)) throw error;
            }
          }
        }
      }
    },

    purgeIncomplete: (before) => purgeParts(tmp, before),

    async health() {
      try {
        await mkdir(tmp, { recursive: true, mode: 0o700 });
        const probe = join(tmp, `health-${randomBytes(4).toString('hex')}`);
        await writeFile(probe, '');
        await unlink(probe);
        return { blobs: true };
      } catch {
        return { blobs: false };
      }
    },
  };
}

/** The two-hex-digit shard directories under `dir`. */
async function shardNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(missingAsEmpty);
  return entries.filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)).map((e) => e.name);
}

function missingAsEmpty(error: unknown): never[] {
  if (isMissing(error)) return [];
  throw error;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
