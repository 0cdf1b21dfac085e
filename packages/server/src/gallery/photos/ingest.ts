import { Readable } from 'node:stream';
import type { MediaKind } from '@proofsheet/protocol';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import { createWithFreshId } from '../../storage/fresh-id.js';
import { type BlobStore, isBlobRefused } from '../../storage/ports/blob-store.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { GalleryRecord } from '../../storage/ports/gallery-store.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { Viewer } from '../viewer.js';
import { byteSize } from './byte-size.js';
import { SNIFF_BYTES, sniffMedia } from './media-type.js';

/** What ingesting needs: the photo rows, the blobs, the queue, the limits, time and randomness. */
export interface IngestContext {
  storage: Pick<Storage, 'photos' | 'blobs' | 'jobs'>;
  config: Pick<Config, 'maxUploadBytes' | 'storageQuotaBytes'>;
  clock: Clock;
  random: Random;
}

/** An original in the blob store, not yet any photo's: create one, or discard it. */
export interface StoredOriginal {
  sha256: string;
  size: number;
  kind: MediaKind;
  /** Sniffed from the bytes. */
  contentType: string;
  extension: string;
}

/**
 * Blobs that an upload in this process has stored and not yet settled (made a photo of, or
 * discarded), by store: a release must not delete a blob another upload of the same bytes is
 * about to make a photo of. Across instances the window left is that of two uploads of one
 * file racing to the millisecond; the loser's photo then fails with "original missing".
 */
const pending = new WeakMap<BlobStore, Map<string, number>>();

function pendingOf(blobs: BlobStore): Map<string, number> {
  let map = pending.get(blobs);
  if (!map) {
    map = new Map();
    pending.set(blobs, map);
  }
  return map;
}

/** Whether an upload in this process stored this blob and has not yet made its photo. */
export function isPending(blobs: BlobStore, sha256: string): boolean {
  return pending.get(blobs)?.has(sha256) ?? false;
}

function settle(blobs: BlobStore, sha256: string): void {
  const map = pendingOf(blobs);
  const n = (map.get(sha256) ?? 1) - 1;
  if (n <= 0) map.delete(sha256);
  else map.set(sha256, n);
}

/** Reads up to `n` bytes from the start of `source`; `rest` replays them, then the remainder. */
async function peek(source: Readable, n: number): Promise<{ head: Buffer; rest: Readable }> {
  const iterator: AsyncIterator<Buffer> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(chunks);
  const rest = Readable.from(
    (async function* () {
      try {
        yield head;
        if (ended) return;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        // A consumer that stopped early (a refusal) stops the source too.
        await iterator.return?.();
      }
    })(),
    { objectMode: false },
  );
  return { head, rest };
}

/** The refusal of an account over its quota, saying how much it stores of how much. */
async function quotaRefusal(
  ctx: Pick<IngestContext, 'storage' | 'config'>,
  accountId: string,
  bytes: number,
): Promise<AppError> {
  const used = await ctx.storage.photos.usage(accountId);
  const quota = ctx.config.storageQuotaBytes ?? 0;
  return new AppError(
    'quota_exceeded',
    `The account stores ${byteSize(used)} of its ${byteSize(quota)} quota (${used} of ${quota} bytes): a file of ${byteSize(bytes)} does not fit. Delete photos or raise PROOFSHEET_STORAGE_QUOTA_BYTES.`,
  );
}

/**
 * Refuses (413 `quota_exceeded`) an upload of `bytes` that cannot fit in the account's quota,
 * before any byte is read: the early check, from the request's Content-Length. The check that
 * holds is the one in the same transaction as the photo row ({@link createPhotoOf}).
 */
export async function assertRoomFor(
  ctx: Pick<IngestContext, 'storage' | 'config'>,
  accountId: string,
  bytes: number,
): Promise<void> {
  const quota = ctx.config.storageQuotaBytes;
  if (quota === null) return;
  const used = await ctx.storage.photos.usage(accountId);
  if (used + bytes > quota) throw await quotaRefusal(ctx, accountId, bytes);
}

/** The 413 of a file over the per-file limit. */
export function tooLarge(limit: number): AppError {
  return new AppError(
    'payload_too_large',
    `The file is larger than the limit of ${byteSize(limit)} (${limit} bytes); PROOFSHEET_MAX_UPLOAD_BYTES sets it`,
  );
}

/**
 * Streams an upload into the blob store: its type sniffed from the first bytes (never the name
 * or a Content-Type), hashed and counted while it streams, never held in memory whole. Refuses
 * with nothing kept: 415 `unsupported_file_type`, 413 over the per-file limit, 422
 * `digest_mismatch`, 422 for an empty file, 400 when the source breaks off (a body cut short).
 * The original is then pending: make a photo of it, or discard it.
 */
export async function storeOriginal(
  ctx: Pick<IngestContext, 'storage' | 'config'>,
  input: { source: Readable; expectedSha256?: string },
): Promise<StoredOriginal> {
  let sourceError: unknown = null;
  // `on`, not `once`: a second error with no listener would crash the process.
  input.source.on('error', (error) => {
    sourceError ??= error;
  });
  let head: Buffer;
  let rest: Readable;
  try {
    ({ head, rest } = await peek(input.source, SNIFF_BYTES));
  } catch (error) {
    throw brokenOff(error);
  }
  if (head.length === 0) {
    input.source.destroy();
    throw new AppError('validation_failed', 'The file is empty', { file: ['is empty'] });
  }
  const media = sniffMedia(head);
  if (!media) {
    rest.destroy();
    throw new AppError(
      'unsupported_file_type',
      'The file is not a JPEG, PNG, WebP, TIFF, HEIC or AVIF photo, nor an MP4 or MOV video (judged by its bytes, not its name)',
    );
  }
  const limit = ctx.config.maxUploadBytes;
  try {
    const stored = await ctx.storage.blobs.put(rest, {
      contentType: media.contentType,
      maxBytes: limit,
      ...(input.expectedSha256 ? { expectedSha256: input.expectedSha256 } : {}),
    });
    const map = pendingOf(ctx.storage.blobs);
    map.set(stored.sha256, (map.get(stored.sha256) ?? 0) + 1);
    return { ...stored, ...media };
  } catch (error) {
    if (isBlobRefused(error)) {
      if (error.reason === 'too-large') throw tooLarge(limit);
      throw new AppError('digest_mismatch', error.message, {
        sha256: ['differs from the SHA-256 of the file received'],
      });
    }
    if (sourceError !== null) throw brokenOff(sourceError);
    throw error;
  }
}

/** The 400 of an upload whose body broke off or was malformed mid-file. */
function brokenOff(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('bad_request', `The upload broke off before the file ended (${reason})`);
}

/**
 * Gives up a pending original: its blob is deleted unless a photo refers to it (the same bytes
 * uploaded before) or another upload in this process is about to.
 */
export async function discardOriginal(
  ctx: Pick<IngestContext, 'storage'>,
  original: StoredOriginal,
): Promise<void> {
  const { blobs, photos } = ctx.storage;
  settle(blobs, original.sha256);
  if (await photos.isBlobReferenced(original.sha256)) return;
  if (pendingOf(blobs).has(original.sha256)) return;
  await blobs.delete(original.sha256);
}

/** What {@link createPhotoOf} makes a photo of, and where. */
export interface NewPhoto {
  viewer: Viewer;
  gallery: GalleryRecord;
  collection: CollectionView;
  /** As uploaded, without any directory; `null`: one is made from the hash and type. */
  filename: string | null;
  original: StoredOriginal;
}

/**
 * A photo made of an upload. `queueError`: its processing job could not be stored (the queue's
 * database failed just then); the photo waits for the start-up reconciliation, which queues
 * every photo still processing.
 */
export interface IngestedPhoto {
  photo: PhotoRecord;
  queueError: unknown;
}

/**
 * Makes the photo of a pending original, at the end of its gallery, and queues its processing
 * (`photo.process`, one per photo): photos and videos start `processing` (a video's sizes are
 * made of its poster frame, `processing.ts`). The quota is checked in the photo's own
 * transaction. On a refusal (413 `quota_exceeded`, 404 for a gallery deleted meanwhile) the
 * original is discarded.
 */
export async function createPhotoOf(ctx: IngestContext, input: NewPhoto): Promise<IngestedPhoto> {
  const { original, gallery } = input;
  const now = ctx.clock.now();
  const record = (id: number): PhotoRecord => ({
    id,
    accountId: input.viewer.accountId,
    collectionId: input.collection.id,
    galleryId: gallery.id,
    kind: original.kind,
    filename: input.filename ?? `${original.sha256.slice(0, 12)}.${original.extension}`,
    contentType: original.contentType,
    size: original.size,
    sha256: original.sha256,
    width: null,
    height: null,
    takenAt: null,
    camera: null,
    lens: null,
    hasGps: false,
    status: 'processing',
    statusReason: null,
    thumbhash: null,
    derivatives: [],
    position: 0,
    hidden: false,
    favoriteCount: 0,
    uploadedBy: input.viewer.userId,
    createdAt: now,
    updatedAt: now,
  });
  const made: { photo?: PhotoRecord } = {};
  try {
    await createWithFreshId('photo', ctx.random, async (id) => {
      const result = await ctx.storage.photos.create(record(id), {
        quotaBytes: ctx.config.storageQuotaBytes,
      });
      if ('created' in result) {
        made.photo = result.created;
        return true;
      }
      if (result.refused === 'id_taken') return false;
      if (result.refused === 'gallery_missing') {
        throw new AppError('not_found', `No gallery found with ID: ${gallery.id}`);
      }
      throw await quotaRefusal(ctx, input.viewer.accountId, original.size);
    });
  } catch (error) {
    await discardOriginal(ctx, original);
    throw error;
  }
  settle(ctx.storage.blobs, original.sha256);
  const photo = made.photo;
  if (!photo) throw new Error('createWithFreshId returned without a photo');
  try {
    await ctx.storage.jobs.enqueue(
      'photo.process',
      { photoId: photo.id },
      { singletonKey: `photo:${photo.id}` },
    );
    return { photo, queueError: null };
  } catch (error) {
    // The photo is stored and answered for: its processing is queued again at start-up.
    return { photo, queueError: error };
  }
}

/**
 * An upload from end to end: stored, made a photo of, queued. The one path of every upload
 * (multipart now, a tus upload's end later), so that all end in the same photo.
 */
export async function ingestOriginal(
  ctx: IngestContext,
  input: Omit<NewPhoto, 'original'> & { source: Readable; expectedSha256?: string },
): Promise<IngestedPhoto> {
  const original = await storeOriginal(ctx, input);
  return createPhotoOf(ctx, { ...input, original });
}
