import exifr from 'exifr';
import type { Metadata } from 'sharp';
import sharp from 'sharp';
import { decodeError } from './decode-error.js';
import { PhotoError } from './photo-error.js';

/**
 * What a photo says about itself. GPS values are deliberately absent: a client gallery must not
 * reveal where a photographer's (or a client's) home is. Only `hasGps` says they were there,
 * so the studio can be told its original carries a location.
 */
export interface PhotoMetadata {
  /** Display width: after the EXIF orientation is applied. */
  readonly width: number;
  /** Display height: after the EXIF orientation is applied. */
  readonly height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  readonly orientation: number;
  /**
   * DateTimeOriginal as ISO 8601. EXIF stores wall-clock time with no zone: the string has an
   * offset only when OffsetTimeOriginal is present (`2026-05-02T10:15:00+02:00`), otherwise it
   * is a local time (`2026-05-02T10:15:00`) and must not be read as UTC.
   */
  readonly capturedAt: string | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  readonly lensModel: string | null;
  /** Millimetres. */
  readonly focalLength: number | null;
  /** The f-number, e.g. 1.8. */
  readonly aperture: number | null;
  /** Seconds, e.g. 0.004 for 1/250. */
  readonly exposureTime: number | null;
  readonly iso: number | null;
  readonly hasGps: boolean;
}

export interface HeaderLimits {
  /** Refuse images with more pixels than this before decoding any. */
  readonly limitInputPixels: number;
}

/** Width and height as stored (before orientation), checked against the pixel limit. */
export async function readHeader(
  bytes: Buffer,
  limits: HeaderLimits,
): Promise<Metadata & { width: number; height: number }> {
  let header: Metadata;
  try {
    // Header only, no pixels decoded: the limit is checked below, with the sizes in the message.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw decodeError(cause);
  }
  const { width, height } = header;
  if (width === undefined || height === undefined || width < 1 || height < 1) {
    throw new PhotoError('corrupt_image', 'The image declares no width or height');
  }
  // Checked on the header, so a decompression bomb costs a header read, not a decode.
  if (width * height > limits.limitInputPixels) {
    throw new PhotoError(
      'too_many_pixels',
      `The image is ${width}×${height} (${megapixels(width * height)} MP); the limit is ${megapixels(limits.limitInputPixels)} MP`,
    );
  }
  return { ...header, width, height };
}

/** The photo's dimensions and EXIF, without its GPS values (see {@link PhotoMetadata}). */
export async function readMetadata(bytes: Buffer, limits: HeaderLimits): Promise<PhotoMetadata> {
  const header = await readHeader(bytes, limits);
  const exif = await readExif(bytes);
  const orientation = header.orientation ?? 1;
  return {
    width: header.autoOrient?.width ?? header.width,
    height: header.autoOrient?.height ?? header.height,
    orientation,
    capturedAt: isoDateTime(exif.DateTimeOriginal, exif.OffsetTimeOriginal),
    cameraMake: text(exif.Make),
    cameraModel: text(exif.Model),
    lensModel: text(exif.LensModel),
    focalLength: positive(exif.FocalLength),
    aperture: positive(exif.FNumber),
    exposureTime: positive(exif.ExposureTime),
    iso: positive(Array.isArray(exif.ISO) ? exif.ISO[0] : exif.ISO),
    hasGps: exif.GPSLatitude !== undefined || exif.GPSLongitude !== undefined,
  };
}

async function readExif(bytes: Buffer): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = await exifr.parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      // Raw strings: exifr would revive DateTimeOriginal in the server's time zone.
      reviveValues: false,
      translateValues: false,
    });
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    // Broken EXIF is not a broken photo: sharp has already read the header.
    return {};
  }
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^[+-]\d{2}:\d{2}$/;

function isoDateTime(value: unknown, offset: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = EXIF_DATE.exec(value);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second] = match;
  if (year === '0000') return null;
  const zone = typeof offset === 'string' && EXIF_OFFSET.test(offset.trim()) ? offset.trim() : '';
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed === '' ? null : trimmed;
}

function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function megapixels(pixels: number): string {
  return (pixels / 1_000_000).toFixed(1);
}
