import { rgbaToThumbHash } from 'thumbhash';
import { decodeError } from './decode-error.js';
import { openImage } from './derivatives.js';
import type { ResolvedPhotoOptions } from './photo-options.js';

/** A ThumbHash (base64, about 25 bytes) to paint while the thumbnail loads. */
export async function renderPlaceholder(
  bytes: Buffer,
  options: ResolvedPhotoOptions,
): Promise<string> {
  try {
    // ThumbHash takes at most 100×100 RGBA, not premultiplied.
    const { data, info } = await openImage(bytes, options)
      .autoOrient()
      .resize({ width: 100, height: 100, fit: 'inside' })
      .toColorspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
  } catch (cause) {
    throw decodeError(cause);
  }
}
