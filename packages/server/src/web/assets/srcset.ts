// Which image files a photo is shown with: `srcset` lists of its sizes, and its shape. Pure (no
// DOM), so the choices are tested in Node; picture.ts builds the elements.
import type { Photo, PhotoSize, PhotoSizeUrls, PhotoUrls } from '@proofsheet/protocol';

/** The two formats every size is made in: WebP where the browser takes it, JPEG otherwise. */
export type ImageFormat = 'webp' | 'jpeg';

/**
 * A `srcset` of the given sizes in one format, widest last, each width once: a small original
 * is never enlarged, so its thumbnail and preview may be the same width, and the browser
 * needs only one of them.
 *
 * @example srcsetOf(photo.urls, 'webp', ['thumbnail', 'preview']); // '/…/thumbnail.webp?v=… 400w, /…/preview.webp?v=… 1600w'
 */
export function srcsetOf(
  urls: PhotoUrls,
  format: ImageFormat,
  sizes: readonly PhotoSize[],
): string {
  const found = sizes
    .map((size) => urls[size])
    .filter((s): s is PhotoSizeUrls => s !== null)
    .sort((a, b) => a.width - b.width);
  const widths = new Set<number>();
  const parts: string[] = [];
  for (const s of found) {
    if (widths.has(s.width)) continue;
    widths.add(s.width);
    parts.push(`${s[format]} ${s.width}w`);
  }
  return parts.join(', ');
}

/** The first of `sizes` the photo has, or null: e.g. the large size, else the preview. */
export function firstSize(urls: PhotoUrls, sizes: readonly PhotoSize[]): PhotoSizeUrls | null {
  for (const size of sizes) {
    const found = urls[size];
    if (found) return found;
  }
  return null;
}

/** 3:2, the shape of most cameras' frames, for a photo whose size is not known yet. */
export const DEFAULT_ASPECT_RATIO = 1.5;

/** Width over height: from the photo, else from a size of it, else 3:2. Never 0 or infinite. */
export function aspectRatio(photo: Pick<Photo, 'width' | 'height' | 'urls'>): number {
  const sized = photo.width && photo.height ? photo : firstSize(photo.urls, ['thumbnail']);
  const ratio = sized?.width && sized.height ? sized.width / sized.height : DEFAULT_ASPECT_RATIO;
  // A panorama or a sliver must not make a row of one tile a screen wide or a pixel high.
  return Math.min(4, Math.max(0.25, ratio));
}

/** The height of a grid row, in CSS pixels, on phones and on wider screens (see photo-styles). */
export const ROW_HEIGHTS = { phone: 150, wide: 230 } as const;

/**
 * The `sizes` attribute of a tile in the justified grid: a tile is its row's height times its
 * shape, stretched up to about a third to fill the row. The browser multiplies by the screen's
 * pixel density and picks from `srcset`.
 */
export function gridSizes(ratio: number): string {
  const wide = (rowHeight: number) => Math.ceil(rowHeight * ratio * 1.35);
  return `(max-width: 640px) ${wide(ROW_HEIGHTS.phone)}px, ${wide(ROW_HEIGHTS.wide)}px`;
}
