import sharp from 'sharp';
import type { Clock } from '../../deps.js';
import type { PhotoOptions } from '../../photos/index.js';
import type { Storage } from '../../storage/ports/storage.js';
import { processStoredPhoto } from './processing.js';

/** What the photo workers need: the rows, the blobs, the queue and the time. */
export interface PhotoWorkerContext {
  storage: Pick<Storage, 'photos' | 'blobs' | 'jobs'>;
  clock: Clock;
  photoOptions?: PhotoOptions;
}

export interface PhotoWorkerOptions {
  /** Photos processed at once by this process. */
  concurrency: number;
  /**
   * libvips threads per photo (`sharp.concurrency`, process-wide). Workers × threads below the
   * cores leaves a core to the API, so that requests stay quick while a wedding is processed.
   */
  threads: number;
  /** Told when a job's last attempt failed, or a photo could not be marked failed. */
  onError?: (error: unknown, photoId: number) => void;
}

/** Why a photo whose every attempt failed for reasons of the server's failed, in words. */
function finalReason(attempts: number, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Processing failed ${attempts} times; the last time: ${reason}`.slice(0, 500);
}

/**
 * Runs `photo.process` jobs in this process: renders the sizes of each photo and marks it
 * `ready`, or `failed` with the reason when the image is at fault (not an image, a bomb,
 * corrupt), at once and without retrying. Anything else (the blob store or the database
 * unreachable) is thrown for the queue to retry with backoff; after the last attempt the photo
 * is marked `failed` with the last error.
 */
export async function startPhotoWorkers(
  ctx: PhotoWorkerContext,
  options: PhotoWorkerOptions,
): Promise<void> {
  sharp.concurrency(options.threads);
  const { photos, jobs } = ctx.storage;
  jobs.onFinalFailure((job, error) => {
    if (job.name !== 'photo.process') return;
    const { photoId } = job.payload as { photoId: number };
    options.onError?.(error, photoId);
    photos
      .markFailed(photoId, finalReason(job.attempt, error), ctx.clock.now())
      .catch((thrown: unknown) => options.onError?.(thrown, photoId));
  });
  await jobs.work(
    'photo.process',
    async (job) => {
      await processStoredPhoto(ctx, job.payload.photoId);
    },
    { concurrency: options.concurrency },
  );
}
