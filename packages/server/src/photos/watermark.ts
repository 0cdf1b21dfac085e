import type { WATERMARK_POSITIONS } from '@proofsheet/protocol';
import sharp from 'sharp';
import { decodeError } from './decode-error.js';
import {
  type DerivativeFormat,
  normalizePhotoOptions,
  type PhotoOptions,
} from './photo-options.js';

/** Where a watermark goes on the picture (the protocol's list). */
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number];

interface WatermarkLook {
  /** 0.05 (barely there) to 1 (opaque). */
  opacity: number;
  /** The mark's width as a share of the picture's width, 0.05 to 1. */
  scale: number;
  position: WatermarkPosition;
}

/** A studio's watermark: its name as text, or its logo (PNG or any image sharp reads). */
export type WatermarkSpec =
  | (WatermarkLook & { kind: 'text'; text: string })
  | (WatermarkLook & { kind: 'logo'; logo: Buffer });

const GRAVITY: Record<Exclude<WatermarkPosition, 'tiled'>, string> = {
  center: 'centre',
  'top-left': 'northwest',
  'top-right': 'northeast',
  'bottom-left': 'southwest',
  'bottom-right': 'southeast',
};

/** Pango reads the text as markup: the studio's name is text, never markup. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The mark alone, as RGBA PNG bytes `width` pixels wide, its alpha scaled by the opacity. */
async function renderMark(spec: WatermarkSpec, width: number): Promise<Buffer> {
  const opacity = clamp(spec.opacity, 0.05, 1);
  const base =
    spec.kind === 'text'
      ? sharp({
          text: {
            // White with a dark outline reads on light and dark pictures alike.
            text: `<span foreground="white" weight="bold">${escapeMarkup(spec.text)}</span>`,
            font: 'sans',
            rgba: true,
            width,
            height: Math.max(8, Math.round(width / 5)),
          },
        })
      : sharp(spec.logo, { limitInputPixels: 25_000_000 }).resize({
          width,
          withoutEnlargement: false,
        });
  const { data, info } = await base.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  // Scale the alpha channel alone: colour stays, the mark fades.
  for (let i = 3; i < data.length; i += 4) data[i] = Math.round((data[i] ?? 0) * opacity);
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png()
    .toBuffer();
}

/**
 * The picture with the studio's mark over it, in the same format, re-encoded at the pipeline's
 * quality with an sRGB profile and no other metadata. Used for what clients and visitors see;
 * originals and the studio's own views are never marked.
 */
export async function applyWatermark(
  image: Buffer,
  format: DerivativeFormat,
  spec: WatermarkSpec,
  options: PhotoOptions = {},
): Promise<Buffer> {
  const quality = normalizePhotoOptions(options);
  try {
    const { width = 0, height = 0 } = await sharp(image).metadata();
    if (width < 1 || height < 1) throw new Error('The picture declares no size');
    const shortEdge = Math.min(width, height);
    const markWidth = Math.max(16, Math.round(clamp(spec.scale, 0.05, 1) * width));
    // Never wider than the picture, nor taller than its short edge for a tall logo.
    let mark = await renderMark(spec, Math.min(markWidth, width));
    const markMeta = await sharp(mark).metadata();
    if ((markMeta.height ?? 0) > shortEdge) {
      mark = await sharp(mark).resize({ height: shortEdge }).png().toBuffer();
    }
    // A margin of 3% of the short edge keeps a corner mark off the edge, and tiles apart.
    const margin = Math.round(shortEdge * 0.03);
    const padded = await sharp(mark)
      .extend({
        top: margin,
        bottom: margin,
        left: margin,
        right: margin,
        background: { r: 0, g: 0, b: 0, alpha: 0 },
      })
      .png()
      .toBuffer();
    const fits =
      (markMeta.width ?? 0) + 2 * margin <= width && (markMeta.height ?? 0) + 2 * margin <= height;
    const input = fits ? padded : mark;
    const layer =
      spec.position === 'tiled'
        ? { input, tile: true, gravity: 'northwest' }
        : { input, gravity: GRAVITY[spec.position] };
    const marked = sharp(image).composite([layer]).withIccProfile('srgb');
    return format === 'webp'
      ? await marked.webp({ quality: quality.webpQuality }).toBuffer()
      : await marked.jpeg({ quality: quality.jpegQuality, mozjpeg: true }).toBuffer();
  } catch (cause) {
    throw decodeError(cause);
  }
}
