/**
 * A studio with a collection shared with its gallery client, for the download tests, and
 * readers of what the download routes answer: ZIPs by yauzl (an independent reader), Info-ZIP's
 * `unzip -t` for the CRCs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection, Gallery } from '@proofsheet/protocol';
import yauzl from 'yauzl';
import type { Config } from '../../../src/config/config.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

export interface DownloadWorld {
  h: Harness;
  /** The owner, signed in to the Gallery API. */
  owner: Credentials;
  client: Credentials;
  /** A collection made by the owner with `body`, shared with the gallery client. */
  collection(body?: Record<string, unknown>): Promise<Collection>;
  gallery(collection: Collection, body?: Record<string, unknown>): Promise<Gallery>;
  close(): Promise<void>;
}

export async function downloadWorld(overrides: Partial<Config> = {}): Promise<DownloadWorld> {
  const h = await createHarness(overrides);
  const owner = await loginAs(h, 'owner', h.gallery);
  const client = await loginAs(h, 'gallery_client');
  let made = 0;
  return {
    h,
    owner,
    client,
    collection: (body = {}) =>
      createCollection(h, owner, {
        name: `Wedding ${++made}`,
        shared_with: [h.users.gallery_client.email],
        ...body,
      }),
    gallery: (collection, body = {}) =>
      createGallery(h, owner, collection.id, { name: `Gallery ${++made}`, ...body }),
    close: () => h.close(),
  };
}

/**
 * Resolves once no download of the account is still unfinished: a download's record is
 * completed when its response closes, just after the client has read it.
 */
export async function downloadsSettled(h: Harness, collectionId: number): Promise<void> {
  for (let turn = 0; turn < 10_000; turn++) {
    const { items } = await h.storage.downloads.list(h.accountId, collectionId, {
      offset: 0,
      limit: 100,
    });
    if (items.every((d) => d.finishedAt !== null)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Downloads of collection ${collectionId} are still unfinished`);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One member of a ZIP as yauzl reads it. */
export interface ReadMember {
  path: string;
  bytes: Buffer;
  /** Compression method: 0 is stored. */
  method: number;
  crc32: number;
  mtime: Date;
}

/** Every member of a ZIP, in order, read by yauzl (which checks every size against the bytes). */
export function readZip(zip: Buffer): Promise<ReadMember[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true }, (error, file) => {
      if (error || !file) {
        reject(error ?? new Error('yauzl opened nothing'));
        return;
      }
      const members: ReadMember[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(members));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error(`no stream for ${entry.fileName}`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            members.push({
              path: entry.fileName,
              bytes: Buffer.concat(chunks),
              method: entry.compressionMethod,
              crc32: entry.crc32,
              mtime: entry.getLastModDate(),
            });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** Whether Info-ZIP's `unzip` is here: a reason to skip when not, and under CI an error. */
export function unzipAvailable(): false | string {
  const probe = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
  if (probe.status === 0) return false;
  const reason = 'unzip (Info-ZIP) is not installed: apt-get install unzip';
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
  return reason;
}

/** `unzip -t` of the archive: its output, and whether every member's CRC checked out. */
export function unzipTest(zip: Buffer): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-zip-'));
  try {
    const file = join(dir, 'archive.zip');
    writeFileSync(file, zip);
    const run = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
