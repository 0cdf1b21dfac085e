import { PhotoError } from './photo-error.js';

/** A sharp/libvips failure as a {@link PhotoError}: the input is at fault, not the server. */
export function decodeError(cause: unknown): PhotoError {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/pixel limit/i.test(text)) {
    return new PhotoError('too_many_pixels', `The image has too many pixels: ${text}`, { cause });
  }
  return new PhotoError('corrupt_image', `The image cannot be decoded: ${text}`, { cause });
}
