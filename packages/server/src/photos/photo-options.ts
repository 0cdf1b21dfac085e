import { PHOTO_SIZES } from '@proofsheet/protocol';

/** The derivative kinds and the long edge, in pixels, of each: the protocol's sizes. */
export const DERIVATIVE_SIZES = PHOTO_SIZES;

export type DerivativeKind = keyof typeof DERIVATIVE_SIZES;
export type DerivativeFormat = 'webp' | 'jpeg';

export interface PhotoOptions {
  /**
   * Refuse images with more pixels than this (width × height, as declared).
   * @default 100_000_000
   */
  readonly limitInputPixels?: number;
  /** @default 80 */
  readonly webpQuality?: number;
  /** @default 82 */
  readonly jpegQuality?: number;
}

export type ResolvedPhotoOptions = Required<PhotoOptions>;

export const DEFAULT_PHOTO_OPTIONS: ResolvedPhotoOptions = Object.freeze({
  limitInputPixels: 100_000_000,
  webpQuality: 80,
  jpegQuality: 82,
});

function quality(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new RangeError(`${name} must be an integer from 1 to 100 (got ${value})`);
  }
  return value;
}

/** Defaults filled in and every value checked once. */
export function normalizePhotoOptions(options: PhotoOptions = {}): ResolvedPhotoOptions {
  const resolved = { ...DEFAULT_PHOTO_OPTIONS, ...options };
  if (!Number.isSafeInteger(resolved.limitInputPixels) || resolved.limitInputPixels < 1) {
    throw new RangeError(
      `limitInputPixels must be a positive integer (got ${resolved.limitInputPixels})`,
    );
  }
  return Object.freeze({
    limitInputPixels: resolved.limitInputPixels,
    webpQuality: quality('webpQuality', resolved.webpQuality),
    jpegQuality: quality('jpegQuality', resolved.jpegQuality),
  });
}
