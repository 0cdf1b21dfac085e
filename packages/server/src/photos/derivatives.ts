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
 * The photo decoded once: orientation baked in (`autoOrient`), at the largest size made (never
 * enlarged), converted to 8-bit sRGB, as raw pixels. Every size and the placeholder are made
 * from it, so a 24-megapixel JPEG is decoded once (at reduced size, where the JPEG decoder
 * can shrink on load) rather than once per size.
 */
export interface Master {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

const LARGEST = Math.max(...Object.values(DERIVATIVE_SIZES));

/** Decodes the original into the {@link Master} every size is made from. */
export async function renderMaster(bytes: Buffer, options: ResolvedPhotoOptions): Promise<Master> {
  try {
    const { data, info } = await openImage(bytes, options)
      .autoOrient()
      .resize({ width: LARGEST, height: LARGEST, fit: 'inside', withoutEnlargement: true })
      .toColorspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (cause) {
    throw decodeError(cause);
  }
}

/** A pipeline over the master's pixels. */
export function fromMaster(master: Master): Sharp {
  const { width, height, channels } = master;
  return sharp(master.data, { raw: { width, height, channels } });
}

/**
 * One size of the photo, with an sRGB profile attached. No EXIF, GPS or XMP is written: the
 * master is bare pixels, and only the ICC profile is asked for.
 */
async function renderSize(
  master: Master,
  kind: DerivativeKind,
  options: ResolvedPhotoOptions,
): Promise<Derivative[]> {
  const edge = DERIVATIVE_SIZES[kind];
  const sized = fromMaster(master)
    .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
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
  source: Buffer | Master,
  options: ResolvedPhotoOptions,
): Promise<Derivative[]> {
  const master = Buffer.isBuffer(source) ? await renderMaster(source, options) : source;
  const derivatives: Derivative[] = [];
  try {
    for (const kind of KINDS) derivatives.push(...(await renderSize(master, kind, options)));
  } catch (cause) {
    throw decodeError(cause);
  }
  return derivatives;
}
