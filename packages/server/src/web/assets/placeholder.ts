// A photo's ThumbHash as an image to paint while the real one loads (or is still being made).
// Decoded by the thumbhash package's own decoder, vendored: see tsconfig.thumbhash.json.
import { thumbHashToDataURL } from './vendor/thumbhash/thumbhash.js';

/** Decoded placeholders by hash: a grid repaints often, and each decode draws a small PNG. */
const decoded = new Map<string, string | null>();
const MAX_CACHED = 5000;

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A `data:image/png` URL of the placeholder, or null when there is none or it does not decode
 * (a placeholder is decoration: a bad one is left out, never an error).
 */
export function placeholderUrl(thumbhash: string | null): string | null {
  if (!thumbhash) return null;
  const known = decoded.get(thumbhash);
  if (known !== undefined) return known;
  let url: string | null;
  try {
    url = thumbHashToDataURL(bytesOf(thumbhash));
  } catch {
    url = null;
  }
  if (decoded.size >= MAX_CACHED) decoded.clear();
  decoded.set(thumbhash, url);
  return url;
}

/** Paints the placeholder behind an element (its image covers it once loaded). */
export function paintPlaceholder(el: HTMLElement, thumbhash: string | null): void {
  const url = placeholderUrl(thumbhash);
  // The page's CSP allows data: images (img-src 'self' data:), which is what this is.
  el.style.backgroundImage = url ? `url("${url}")` : '';
  el.classList.toggle('has-placeholder', url !== null);
}
