import type { MediaKind } from '@proofsheet/protocol';
import { type ImageType, sniffImageType } from '../../photos/index.js';

/** What an upload is, from its first bytes. */
export interface SniffedMedia {
  kind: MediaKind;
  contentType: string;
  /** For a file name made up when the upload had none. */
  extension: string;
}

/** How many leading bytes {@link sniffMedia} needs: the ftyp box with its brands, and more. */
export const SNIFF_BYTES = 4096;

const IMAGES: Record<ImageType, Omit<SniffedMedia, 'kind'>> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  tiff: { contentType: 'image/tiff', extension: 'tif' },
  heic: { contentType: 'image/heic', extension: 'heic' },
  avif: { contentType: 'image/avif', extension: 'avif' },
};

// ISO-BMFF brands of MP4 files as cameras and phones write them; 'qt  ' is QuickTime (MOV).
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'MSNV',
  'XAVC',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
  'dash',
  'f4v ',
]);

function sniffVideo(bytes: Uint8Array): Omit<SniffedMedia, 'kind'> | null {
  if (bytes.length < 12) return null;
  const text = (start: number, end: number) =>
    String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));
  if (text(4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(
    bytes.length,
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
  );
  const brands = [text(8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(text(at, at + 4));
  if (brands[0] === 'qt  ') return { contentType: 'video/quicktime', extension: 'mov' };
  if (brands.some((b) => MP4_BRANDS.has(b))) return { contentType: 'video/mp4', extension: 'mp4' };
  if (brands.includes('qt  ')) return { contentType: 'video/quicktime', extension: 'mov' };
  return null;
}

/**
 * The kind and type of an upload from its first bytes ({@link SNIFF_BYTES} of them), or
 * `null` when it is neither a photo the pipeline decodes nor an MP4 or MOV video. Images are
 * tried first: HEIC and AVIF are ISO-BMFF files too, with brands of their own.
 */
export function sniffMedia(head: Uint8Array): SniffedMedia | null {
  const image = sniffImageType(head);
  if (image) return { kind: 'photo', ...IMAGES[image] };
  const video = sniffVideo(head);
  return video ? { kind: 'video', ...video } : null;
}
