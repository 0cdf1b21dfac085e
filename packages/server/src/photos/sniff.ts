import { PhotoError } from './photo-error.js';

/** The image types the pipeline accepts, as told by their first bytes. */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'tiff' | 'heic' | 'avif';

// ISO-BMFF major/compatible brands: HEIF stills from phones ('heic', 'heix', 'mif1', …) and AVIF.
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function sniffFtyp(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(
    bytes.length,
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
  );
  // The major brand, then compatible brands after the minor version. AVIF wins over 'mif1'.
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic';
  return null;
}

/**
 * The image type from the bytes' magic numbers, or `null`. Never the filename or the
 * Content-Type: both are the uploader's claim.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return 'webp';
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'tiff';
  }
  return sniffFtyp(bytes);
}

/** {@link sniffImageType}, refusing what is not a supported image with a typed error. */
export function requireImageType(bytes: Uint8Array): ImageType {
  const type = sniffImageType(bytes);
  if (type === null) {
    throw new PhotoError(
      'unsupported_type',
      'Not a JPEG, PNG, WebP, TIFF, HEIC or AVIF image (judged by its bytes, not its name)',
    );
  }
  return type;
}
