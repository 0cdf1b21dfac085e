// A video shown where a photo would be (the lightbox, a single-video link's page): the
// browser's own controls, its poster frame until it plays, and a stop that lets go of it.
import type { Photo } from '@proofsheet/protocol';
import { h } from './ui.js';

/**
 * A `<video>` of `src` (the photo's `urls.video`): its poster (the large frame, else the
 * preview) until it plays, and only its metadata fetched before then, so that a gallery of
 * films costs nothing until one is played.
 */
export function videoPlayer(photo: Photo, src: string, className: string): HTMLVideoElement {
  const poster = photo.urls.large ?? photo.urls.preview;
  return h('video', {
    src,
    controls: true,
    preload: 'metadata',
    // Phones would otherwise take it full screen on play, out of the page around it.
    playsinline: true,
    // WebP, as the lightbox fetches neighbours ahead: the poster is then already there.
    poster: poster?.webp ?? null,
    class: className,
    'aria-label': photo.filename,
  });
}

/** Stops a video and lets go of what it was fetching: taken out, it would keep downloading. */
export function stopVideo(video: HTMLVideoElement): void {
  video.pause();
  video.removeAttribute('src');
  video.load();
}
