import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../deps.js';
import {
  isPhotoError,
  type PhotoOptions,
  type ProcessedPhoto,
  processPhoto,
} from '../../photos/index.js';
import {
  findVideoTools,
  placeholderPoster,
  posterFrame,
  probeVideo,
  type VideoInfo,
  type VideoTools,
} from '../../photos/video.js';
import type { DerivativeRef, PhotoRecord } from '../../storage/ports/photo-store.js';
import type { Storage } from '../../storage/ports/storage.js';

/** What processing a photo needs: its row, the blobs, the time, and the pipeline's settings. */
export interface ProcessingContext {
  storage: Pick<Storage, 'photos' | 'blobs'>;
  clock: Clock;
  photoOptions?: PhotoOptions;
  /**
   * ffmpeg and ffprobe for video posters; `null`: none here, videos get a placeholder.
   * @default found on PATH
   */
  videoTools?: VideoTools | null;
}

/** Stores each rendered size and says where it went. */
async function storeDerivatives(
  ctx: ProcessingContext,
  processed: ProcessedPhoto,
): Promise<DerivativeRef[]> {
  const derivatives: DerivativeRef[] = [];
  for (const d of processed.derivatives) {
    const stored = await ctx.storage.blobs.put(d.bytes, { contentType: d.contentType });
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
  return derivatives;
}

/**
 * A video's poster and what ffprobe says of it. The video goes to a temporary file first:
 * an MP4 whose index is at its end cannot be read from a pipe.
 */
async function videoPoster(
  ctx: ProcessingContext,
  original: Readable,
): Promise<{ poster: Buffer; info: VideoInfo | null }> {
  const tools = ctx.videoTools === undefined ? findVideoTools() : ctx.videoTools;
  if (!tools) {
    original.destroy();
    return { poster: await placeholderPoster(), info: null };
  }
  const dir = await mkdtemp(join(tmpdir(), 'proofsheet-video-'));
  try {
    const path = join(dir, 'video');
    await pipeline(original, createWriteStream(path));
    const info = await probeVideo(tools, path);
    return { poster: await posterFrame(tools, path, info.duration), info };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
  if (photo.kind === 'video') return processVideo(ctx, photo, stream);
  const bytes = await buffer(stream);
  let processed: ProcessedPhoto;
  try {
    processed = await processPhoto(bytes, ctx.photoOptions);
  } catch (error) {
    if (isPhotoError(error)) return photos.markFailed(photoId, error.message, ctx.clock.now());
    throw error;
  }
  const derivatives = await storeDerivatives(ctx, processed);
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

/**
 * A video is kept as uploaded and served as it is; what processing makes is its poster, in
 * the same sizes as a photo's, so grids and covers treat both alike. A video ffprobe cannot
 * read is `failed`, like a corrupt photo.
 */
async function processVideo(
  ctx: ProcessingContext,
  photo: PhotoRecord,
  original: Readable,
): Promise<PhotoRecord | null> {
  let poster: Awaited<ReturnType<typeof videoPoster>>;
  try {
    poster = await videoPoster(ctx, original);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return ctx.storage.photos.markFailed(
      photo.id,
      `The video cannot be read: ${reason}`,
      ctx.clock.now(),
    );
  }
  let processed: ProcessedPhoto;
  try {
    processed = await processPhoto(poster.poster, ctx.photoOptions);
  } catch (error) {
    if (isPhotoError(error)) {
      return ctx.storage.photos.markFailed(photo.id, error.message, ctx.clock.now());
    }
    throw error;
  }
  const derivatives = await storeDerivatives(ctx, processed);
  return ctx.storage.photos.markReady(
    photo.id,
    {
      width: poster.info?.width ?? processed.metadata.width,
      height: poster.info?.height ?? processed.metadata.height,
      takenAt: poster.info?.createdAt ?? null,
      camera: null,
      lens: null,
      // The poster is a decoded frame: no metadata of the file reaches it.
      hasGps: false,
      thumbhash: processed.placeholder,
      derivatives,
    },
    ctx.clock.now(),
  );
}
