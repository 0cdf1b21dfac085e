import { buffer } from 'node:stream/consumers';
import type { Clock } from '../../deps.js';
import { isPhotoError, type PhotoOptions, processPhoto } from '../../photos/index.js';
import type { DerivativeRef, PhotoRecord } from '../../storage/ports/photo-store.js';
import type { Storage } from '../../storage/ports/storage.js';

/** What processing a photo needs: its row, the blobs, the time, and the pipeline's settings. */
export interface ProcessingContext {
  storage: Pick<Storage, 'photos' | 'blobs'>;
  clock: Clock;
  photoOptions?: PhotoOptions;
}

/** A camera name as people say it: "NIKON CORPORATION" + "NIKON Z 6_2" is not said twice. */
function cameraName(make: string | null, model: string | null): string | null {
  if (!model) return make;
  if (!make || model.toLowerCase().startsWith(make.split(' ')[0]?.toLowerCase() ?? '')) {
    return model;
  }
  return `${make} ${model}`;
}

/**
 * Makes the sizes of an uploaded photo and marks it `ready`, or `failed` with the reason when
 * the image itself is at fault (not an image, a bomb, corrupt). Idempotent: a retry after a
 * crash renders again and stores the same content-addressed blobs. Any other error (the blob
 * store unreachable) is thrown, for the queue to retry. `null`: the photo was deleted first.
 */
export async function processStoredPhoto(
  ctx: ProcessingContext,
  photoId: number,
): Promise<PhotoRecord | null> {
  const { photos, blobs } = ctx.storage;
  const photo = await photos.findById(photoId);
  if (!photo) return null;
  if (photo.status === 'ready') return photo;
  const stream = await blobs.get(photo.sha256);
  if (!stream) {
    return photos.markFailed(photoId, 'The original is missing from storage', ctx.clock.now());
  }
  const bytes = await buffer(stream);
  let processed: Awaited<ReturnType<typeof processPhoto>>;
  try {
    processed = await processPhoto(bytes, ctx.photoOptions);
  } catch (error) {
    if (isPhotoError(error)) return photos.markFailed(photoId, error.message, ctx.clock.now());
    throw error;
  }
  const derivatives: DerivativeRef[] = [];
  for (const d of processed.derivatives) {
    const stored = await blobs.put(d.bytes, { contentType: d.contentType });
    derivatives.push({
      size: d.kind,
      format: d.format,
      sha256: stored.sha256,
      bytes: stored.size,
      width: d.width,
      height: d.height,
      contentType: d.contentType,
    });
  }
  const m = processed.metadata;
  return photos.markReady(
    photoId,
    {
      width: m.width,
      height: m.height,
      takenAt: m.capturedAt,
      camera: cameraName(m.cameraMake, m.cameraModel),
      lens: m.lensModel,
      hasGps: m.hasGps,
      thumbhash: processed.placeholder,
      derivatives,
    },
    ctx.clock.now(),
  );
}
