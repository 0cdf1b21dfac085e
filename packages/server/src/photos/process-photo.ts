import { type Derivative, renderDerivatives, renderMaster } from './derivatives.js';
import { type PhotoMetadata, readMetadata } from './metadata.js';
import { normalizePhotoOptions, type PhotoOptions } from './photo-options.js';
import { renderPlaceholder } from './placeholder.js';
import { type ImageType, requireImageType } from './sniff.js';

export interface ProcessedPhoto {
  /** The original's type, from its bytes. */
  readonly type: ImageType;
  readonly metadata: PhotoMetadata;
  /** thumb, preview and large, each as WebP and JPEG. */
  readonly derivatives: readonly Derivative[];
  /** ThumbHash, base64. */
  readonly placeholder: string;
}

/**
 * Everything a gallery needs from one uploaded original. Throws only {@link PhotoError}:
 * `unsupported_type` (not an image, judged by its bytes), `too_many_pixels` (over
 * `limitInputPixels`, refused from the header before decoding), `corrupt_image`.
 */
export async function processPhoto(
  bytes: Buffer,
  options: PhotoOptions = {},
): Promise<ProcessedPhoto> {
  const resolved = normalizePhotoOptions(options);
  // Sniff first: a non-image is refused without handing it to a decoder.
  const type = requireImageType(bytes);
  const metadata = await readMetadata(bytes, resolved);
  const master = await renderMaster(bytes, resolved);
  const derivatives = await renderDerivatives(master, resolved);
  const placeholder = await renderPlaceholder(master, resolved);
  return { type, metadata, derivatives, placeholder };
}
