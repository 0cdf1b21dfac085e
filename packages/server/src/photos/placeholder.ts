import { rgbaToThumbHash } from 'thumbhash';
import { decodeError } from './decode-error.js';
import { fromMaster, type Master, renderMaster } from './derivatives.js';
import type { ResolvedPhotoOptions } from './photo-options.js';

/** A ThumbHash (base64, about 25 bytes) to paint while the thumbnail loads. */
export async function renderPlaceholder(
  source: Buffer | Master,
  options: ResolvedPhotoOptions,
): Promise<string> {
  const master = Buffer.isBuffer(source) ? await renderMaster(source, options) : source;
  try {
    // ThumbHash takes at most 100×100 RGBA, not premultiplied.
    const { data, info } = await fromMaster(master)
      .resize({ width: 100, height: 100, fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
  } catch (cause) {
    throw decodeError(cause);
  }
}
