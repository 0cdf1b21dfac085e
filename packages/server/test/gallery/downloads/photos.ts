/**
 * The shared photo helpers (test/helpers/photos.ts), as the download tests use them: a photo
 * in a gallery as the API returned it, a video of any type made ready as it is.
 */
import type { MediaKind } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { Harness } from '../../helpers/harness.js';
import { distinctJpeg, addPhoto as storePhoto } from '../../helpers/photos.js';

/** A small JPEG whose bytes differ with `seed`. */
export function jpeg(seed: number, width = 96, height = 64): Promise<Buffer> {
  return distinctJpeg(seed, { width, height });
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
  const stored = await storePhoto(h, {
    galleryId: gallery.id,
    collectionId: gallery.collection_id,
    bytes: photo.bytes,
    filename: photo.filename,
    hidden: photo.hidden ?? false,
    kind,
    ...(photo.contentType !== undefined ? { contentType: photo.contentType } : {}),
    ...(kind === 'video' ? { contentType: photo.contentType ?? 'video/mp4', process: false } : {}),
    ...(photo.process === false ? { process: false } : {}),
  });
  if (kind !== 'video') return stored;
  const ready = await h.storage.photos.markReady(
    stored.id,
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
    h.clock.now(),
  );
  if (!ready) throw new Error(`Video ${stored.id} vanished`);
  return ready;
}
