import type { OutputInfo, Sharp } from 'sharp';
import sharp from 'sharp';
import { decodeError } from './decode-error.js';
import {
  DERIVATIVE_SIZES,
  type DerivativeFormat,
  type DerivativeKind,
  type ResolvedPhotoOptions,
} from './photo-options.js';

export interface Derivative {
  readonly kind: DerivativeKind;
  readonly format: DerivativeFormat;
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
  readonly contentType: 'image/webp' | 'image/jpeg';
}

const KINDS = Object.keys(DERIVATIVE_SIZES) as DerivativeKind[];

/** A decoder for the original, with the pixel limit enforced by libvips as well. */
export function openImage(bytes: Buffer, options: ResolvedPhotoOptions): Sharp {
  // failOn 'error': a truncated JPEG is refused rather than delivered half grey.
  return sharp(bytes, { limitInputPixels: options.limitInputPixels, failOn: 'error' });
}

/**
 * One size of the photo: orientation baked in (`autoOrient`), converted to sRGB with an sRGB
 * profile attached, never enlarged. No EXIF, GPS or XMP is written: sharp drops input metadata
 * unless asked to keep it, and only the ICC profile is asked for.
 */
async function renderSize(
  bytes: Buffer,
  kind: DerivativeKind,
  options: ResolvedPhotoOptions,
): Promise<Derivative[]> {
  const edge = DERIVATIVE_SIZES[kind];
  const sized = openImage(bytes, options)
    .autoOrient()
    .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
    .toColorspace('srgb')
    .withIccProfile('srgb');
  const webp = await sized.clone().webp({ quality: options.webpQuality }).toBuffer({
    resolveWithObject: true,
  });
  // JPEG has no alpha: flatten onto white, as a print would be.
  const jpeg = await sized
    .clone()
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: options.jpegQuality, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return [
    derivative(kind, 'webp', 'image/webp', webp),
    derivative(kind, 'jpeg', 'image/jpeg', jpeg),
  ];
}

function derivative(
  kind: DerivativeKind,
  format: DerivativeFormat,
  contentType: Derivative['contentType'],
  output: { data: Buffer; info: OutputInfo },
): Derivative {
  return {
    kind,
    format,
    width: output.info.width,
    height: output.info.height,
    bytes: output.data,
    contentType,
  };
}

/**
 * Every kind in WebP and JPEG, one at a time: sharp already spreads each encode over its own
 * threads, so running kinds in parallel would only contend for the same cores.
 */
export async function renderDerivatives(
  bytes: Buffer,
  options: ResolvedPhotoOptions,
): Promise<Derivative[]> {
  const derivatives: Derivative[] = [];
  try {
    for (const kind of KINDS) derivatives.push(...(await renderSize(bytes, kind, options)));
  } catch (cause) {
    throw decodeError(cause);
  }
  return derivatives;
}
