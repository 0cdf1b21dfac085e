import { createHash } from 'node:crypto';
import {
  type GalleryCover,
  PHOTO_SIZES,
  type Photo,
  type PhotoSize,
  type PhotoSizeUrls,
  type PhotoUrls,
} from '@proofsheet/protocol';
import { API_V1 } from '../../http/api-path.js';
import { formatTimestamp } from '../../http/timestamp.js';
import type { DerivativeRef, PhotoRecord } from '../../storage/ports/photo-store.js';

/** The file extension of each derivative format in image addresses. */
export const FORMAT_EXTENSIONS = { webp: 'webp', jpeg: 'jpg' } as const;

/** Where a photo's images are served: `/api/v1/photos/{id}/…`. */
export function photoPath(photoId: number): string {
  return `${API_V1}/photos/${photoId}`;
}

/**
 * The `v` of a derivative's address: the start of its content hash. A new rendering (other
 * quality settings, a watermark) gets a new address, so the old one may be cached for good.
 */
export function derivativeVersion(
  d: Pick<DerivativeRef, 'sha256'>,
  markKey?: string | null,
): string {
  if (!markKey) return d.sha256.slice(0, 12);
  // Marked for clients: the version names the source and the mark's settings together.
  return createHash('sha256').update(`${d.sha256}:${markKey}`).digest('hex').slice(0, 12);
}

/** The address of one derivative. */
function derivativeUrl(photoId: number, d: DerivativeRef, markKey: string | null): string {
  return `${photoPath(photoId)}/${d.size}.${FORMAT_EXTENSIONS[d.format]}?v=${derivativeVersion(d, markKey)}`;
}

function sizeUrls(
  photo: PhotoRecord,
  size: PhotoSize,
  markKey: string | null,
): PhotoSizeUrls | null {
  const webp = photo.derivatives.find((d) => d.size === size && d.format === 'webp');
  const jpeg = photo.derivatives.find((d) => d.size === size && d.format === 'jpeg');
  if (!webp || !jpeg) return null;
  return {
    webp: derivativeUrl(photo.id, webp, markKey),
    jpeg: derivativeUrl(photo.id, jpeg, markKey),
    width: jpeg.width,
    height: jpeg.height,
  };
}

/**
 * The `v` of a video's address: the start of the original's hash. The bytes of a photo never
 * change, but the address names them all the same, as the images' do.
 */
export function videoVersion(photo: Pick<PhotoRecord, 'sha256'>): string {
  return photo.sha256.slice(0, 12);
}

/** Whether a photo is a video that can be played: one whose processing is done. */
export function isPlayable(photo: Pick<PhotoRecord, 'kind' | 'status'>): boolean {
  return photo.kind === 'video' && photo.status === 'ready';
}

/**
 * Every image address of a photo; the original only where the viewer may have it, and the
 * video to play for a ready video (whoever sees it may watch it).
 */
export function photoUrls(
  photo: PhotoRecord,
  options: { original: boolean; markKey?: string | null },
): PhotoUrls {
  const markKey = options.markKey ?? null;
  const urls = Object.fromEntries(
    (Object.keys(PHOTO_SIZES) as PhotoSize[]).map((size) => [size, sizeUrls(photo, size, markKey)]),
  ) as Record<PhotoSize, PhotoSizeUrls | null>;
  return {
    ...urls,
    original: options.original ? `${photoPath(photo.id)}/original` : null,
    video: isPlayable(photo) ? `${photoPath(photo.id)}/video?v=${videoVersion(photo)}` : null,
  };
}

/** How a photo is shown: whether it is its gallery's cover, and what the viewer may fetch. */
export interface PhotoViewOptions {
  cover: boolean;
  /** Offer the original's address (the studio always; others as download settings allow). */
  original: boolean;
  /** The watermark the viewer is shown the sizes with (`marks.ts`), if any. */
  markKey?: string | null;
}

/** A photo as the API shows it. */
export function toPhoto(p: PhotoRecord, options: PhotoViewOptions): Photo {
  return {
    id: p.id,
    gallery_id: p.galleryId,
    collection_id: p.collectionId,
    kind: p.kind,
    filename: p.filename,
    content_type: p.contentType,
    size: p.size,
    sha256: p.sha256,
    width: p.width,
    height: p.height,
    taken_at: p.takenAt,
    camera: p.camera,
    lens: p.lens,
    status: p.status,
    status_reason: p.statusReason,
    thumbhash: p.thumbhash,
    position: p.position,
    hidden: p.hidden,
    cover: options.cover,
    favorite_count: p.favoriteCount,
    urls: photoUrls(p, { original: options.original, markKey: options.markKey ?? null }),
    created_at: formatTimestamp(p.createdAt),
    updated_at: formatTimestamp(p.updatedAt),
  };
}

/**
 * A gallery's cover as the gallery shows it; `null` without one, or without its sizes. Its
 * addresses name the unmarked sizes: for a client of a marked collection the server sends the
 * marked ones, to be revalidated rather than kept for good.
 */
export function toGalleryCover(cover: PhotoRecord | undefined): GalleryCover | null {
  if (!cover) return null;
  const thumbnail = sizeUrls(cover, 'thumbnail', null);
  const preview = sizeUrls(cover, 'preview', null);
  if (!thumbnail || !preview) return null;
  return { photo_id: cover.id, thumbhash: cover.thumbhash, thumbnail, preview };
}
