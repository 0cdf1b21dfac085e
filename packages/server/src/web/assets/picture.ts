// The `<picture>` a photo is shown with: WebP and JPEG sources of the sizes given, an `<img>`
// that the browser loads lazily, and the ThumbHash placeholder painted behind it meanwhile.
import type { PhotoSize, PhotoUrls } from '@proofsheet/protocol';
import { paintPlaceholder } from './placeholder.js';
import { firstSize, srcsetOf } from './srcset.js';
import { h } from './ui.js';

export interface PictureOptions {
  /** The sizes to offer, smallest first; the first one is the `<img>`'s own `src`. */
  sizes: readonly PhotoSize[];
  /** The `sizes` attribute: how wide the image is shown. */
  sizesAttr: string;
  alt: string;
  /** Load only when near the viewport (the grid), or at once (the lightbox, a cover). */
  lazy: boolean;
}

/**
 * The picture of a photo's images, or null when none of the sizes exists yet (still being
 * processed). Marks itself `loaded` when the image is in, so that it fades in over the
 * placeholder.
 */
export function photoPicture(urls: PhotoUrls, options: PictureOptions): HTMLPictureElement | null {
  const base = firstSize(urls, options.sizes);
  if (!base) return null;
  const img = h('img', {
    src: base.jpeg,
    alt: options.alt,
    width: base.width,
    height: base.height,
    loading: options.lazy ? 'lazy' : 'eager',
    decoding: 'async',
    draggable: 'false',
  });
  const picture = h(
    'picture',
    {},
    h('source', {
      type: 'image/webp',
      srcset: srcsetOf(urls, 'webp', options.sizes),
      sizes: options.sizesAttr,
    }),
    h('source', {
      type: 'image/jpeg',
      srcset: srcsetOf(urls, 'jpeg', options.sizes),
      sizes: options.sizesAttr,
    }),
    img,
  );
  const loaded = () => picture.classList.add('loaded');
  if (img.complete && img.naturalWidth > 0) loaded();
  else img.addEventListener('load', loaded, { once: true });
  return picture;
}

/** A frame of a photo's shape with its placeholder behind, and the picture when there is one. */
export function photoFrame(
  el: HTMLElement,
  thumbhash: string | null,
  picture: HTMLPictureElement | null,
): HTMLElement {
  paintPlaceholder(el, thumbhash);
  el.replaceChildren(...(picture ? [picture] : []));
  return el;
}
