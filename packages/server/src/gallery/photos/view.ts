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
export function derivativeVersion(d: Pick<DerivativeRef, 'sha256'>): string {
  return d.sha256.slice(0, 12);
}

/** The address of one derivative. */
function derivativeUrl(photoId: number, d: DerivativeRef): string {
  return `${photoPath(photoId)}/${d.size}.${FORMAT_EXTENSIONS[d.format]}?v=${derivativeVersion(d)}`;
}

function sizeUrls(photo: PhotoRecord, size: PhotoSize): PhotoSizeUrls | null {
  const webp = photo.derivatives.find((d) => d.size === size && d.format === 'webp');
  const jpeg = photo.derivatives.find((d) => d.size === size && d.format === 'jpeg');
  if (!webp || !jpeg) return null;
  return {
    webp: derivativeUrl(photo.id, webp),
    jpeg: derivativeUrl(photo.id, jpeg),
    width: jpeg.width,
    height: jpeg.height,
  };
}

/** Every image address of a photo; the original only where the viewer may have it. */
export function photoUrls(photo: PhotoRecord, options: { original: boolean }): PhotoUrls {
  const urls = Object.fromEntries(
    (Object.keys(PHOTO_SIZES) as PhotoSize[]).map((size) => [size, sizeUrls(photo, size)]),
  ) as Record<PhotoSize, PhotoSizeUrls | null>;
  return { ...urls, original: options.original ? `${photoPath(photo.id)}/original` : null };
}

/** How a photo is shown: whether it is its gallery's cover, and what the viewer may fetch. */
export interface PhotoViewOptions {
  cover: boolean;
  /** Offer the original's address (the studio always; others as download settings allow). */
  original: boolean;
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
    urls: photoUrls(p, { original: options.original }),
    created_at: formatTimestamp(p.createdAt),
    updated_at: formatTimestamp(p.updatedAt),
  };
}

/** A gallery's cover as the gallery shows it; `null` without one, or without its sizes. */
export function toGalleryCover(cover: PhotoRecord | undefined): GalleryCover | null {
  if (!cover) return null;
  const thumbnail = sizeUrls(cover, 'thumbnail');
  const preview = sizeUrls(cover, 'preview');
  if (!thumbnail || !preview) return null;
  return { photo_id: cover.id, thumbhash: cover.thumbhash, thumbnail, preview };
}
