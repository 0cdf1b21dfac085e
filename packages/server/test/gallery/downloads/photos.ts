/**
 * Photos for the download tests, stored as an upload would leave them (blob, row, processed
 * by the real pipeline) before the upload route exists. Replace with test/helpers/photos.ts
 * when it lands on main.
 */
import { type MediaKind, newNumericId } from '@proofsheet/protocol';
import sharp from 'sharp';
import { processStoredPhoto } from '../../../src/gallery/photos/processing.js';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { Harness } from '../../helpers/harness.js';

/** A small JPEG of one colour (distinct bytes per `seed`), with a gradient so it is no blank. */
export async function jpeg(seed: number, width = 96, height = 64): Promise<Buffer> {
  const r = (seed * 67) % 256;
  const g = (seed * 131) % 256;
  const b = (seed * 199) % 256;
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><rect x="${seed % width}" y="0" width="8" height="${height}" fill="#fff"/></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}

export interface AddPhoto {
  filename: string;
  bytes: Buffer;
  hidden?: boolean;
  kind?: MediaKind;
  contentType?: string;
  /** Run the pipeline (the default for photos); a video is never processed, it is made ready. */
  process?: boolean;
}

/** Stores a photo in a gallery and, unless told otherwise, processes it to `ready`. */
export async function addPhoto(
  h: Harness,
  gallery: { id: number; collection_id: number },
  photo: AddPhoto,
): Promise<PhotoRecord> {
  const kind = photo.kind ?? 'photo';
  const contentType = photo.contentType ?? (kind === 'video' ? 'video/mp4' : 'image/jpeg');
  const stored = await h.storage.blobs.put(photo.bytes, { contentType });
  const now = h.clock.now();
  const result = await h.storage.photos.create({
    id: newNumericId('photo', (n) => crypto.getRandomValues(new Uint8Array(n))),
    accountId: h.accountId,
    collectionId: gallery.collection_id,
    galleryId: gallery.id,
    kind,
    filename: photo.filename,
    contentType,
    size: stored.size,
    sha256: stored.sha256,
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
    hidden: photo.hidden ?? false,
    favoriteCount: 0,
    uploadedBy: null,
    createdAt: now,
    updatedAt: now,
  });
  if (!('created' in result)) throw new Error(`The photo was refused: ${result.refused}`);
  let record: PhotoRecord | null = result.created;
  if (kind === 'video') {
    record = await h.storage.photos.markReady(
      record.id,
      {
        width: 1920,
        height: 1080,
        takenAt: null,
        camera: null,
        lens: null,
        hasGps: false,
        thumbhash: null,
        derivatives: [],
      },
      now,
    );
  } else if (photo.process !== false) {
    record = await processStoredPhoto({ storage: h.storage, clock: h.clock }, record.id);
  }
  if (!record) throw new Error(`Photo ${result.created.id} vanished`);
  return record;
}
