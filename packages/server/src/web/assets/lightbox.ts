// The lightbox: one photo at its large size over everything, with the previous and next by
// arrow keys, buttons or a swipe, Escape to close, focus kept inside, and the neighbours
// fetched ahead so that the next one is there when asked for. A video plays in it, its poster
// shown until then, and stops when another item is shown or the lightbox closes.
import type { Photo } from '@proofsheet/protocol';
import { photoPicture } from './picture.js';
import { paintPlaceholder } from './placeholder.js';
import { swipeOf } from './swipe.js';
import { byId } from './ui.js';
import { stopVideo, videoPlayer } from './video-player.js';

export interface LightboxOptions {
  /** Whether this viewer may favorite. */
  canFavorite: boolean;
  /** What downloads this photo (a link, or a menu of sizes), or null when downloads are off. */
  downloadControl(photo: Photo): HTMLElement | null;
  /** Toggles a favorite; resolves to the photo as it is now. */
  toggleFavorite(photo: Photo): Promise<Photo>;
  /** The element to give focus back to when the lightbox closes on this photo. */
  returnFocusTo(photo: Photo): HTMLElement | null;
}

export interface Lightbox {
  /** Opens on `photos[index]`; the list is what arrows and swipes walk through. */
  open(photos: readonly Photo[], index: number): void;
  /** A photo changed elsewhere (a favorite from the grid): shows it if it is the one open. */
  update(photo: Photo): void;
}

function isFavorite(photo: Photo): boolean {
  return photo.favorite_count > 0;
}

/** The keys a focused video's controls use to seek. */
const SEEK_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** Wires the page's `#lightbox` dialog. */
export function createLightbox(options: LightboxOptions): Lightbox {
  const dialog = byId('lightbox', HTMLDialogElement);
  const frame = byId('lb-frame');
  const stage = byId('lb-stage');
  const counter = byId('lb-counter');
  const title = byId('lb-title');
  const favorite = byId('lb-favorite', HTMLButtonElement);
  const download = byId('lb-download');
  const prev = byId('lb-prev', HTMLButtonElement);
  const next = byId('lb-next', HTMLButtonElement);
  let photos: Photo[] = [];
  let index = 0;
  const preloaded = new Set<string>();

  /** The largest size there is: what the lightbox is for. */
  const sizesOf = (photo: Photo) =>
    photo.urls.large ? (['large'] as const) : (['preview'] as const);

  function preload(photo: Photo | undefined): void {
    const size = photo ? (photo.urls.large ?? photo.urls.preview) : null;
    // WebP is what the picture's first source gives every browser this app supports.
    if (!size || preloaded.has(size.webp)) return;
    preloaded.add(size.webp);
    const img = new Image();
    img.decoding = 'async';
    img.src = size.webp;
  }

  /** What the frame shows: the video to play, or the picture; null while there is neither. */
  function media(photo: Photo): HTMLElement | null {
    if (photo.urls.video) return videoPlayer(photo, photo.urls.video, 'lb-video');
    const picture = photoPicture(photo.urls, {
      sizes: sizesOf(photo),
      sizesAttr: '100vw',
      alt: photo.filename,
      lazy: false,
    });
    const img = picture?.querySelector('img');
    if (img) paintPlaceholder(img, photo.thumbhash);
    return picture;
  }

  /** Empties the frame, stopping a video in it: taken out, it would still hold its connection. */
  function clearFrame(): void {
    for (const video of frame.querySelectorAll('video')) stopVideo(video);
    frame.replaceChildren();
  }

  function show(at: number): void {
    const photo = photos[at];
    if (!photo) return;
    index = at;
    const shown = media(photo);
    clearFrame();
    frame.replaceChildren(...(shown ? [shown] : []));
    frame.dataset.photoId = String(photo.id);
    counter.textContent = `${at + 1} / ${photos.length}`;
    title.textContent = photo.filename;
    prev.disabled = at === 0;
    next.disabled = at === photos.length - 1;
    favorite.hidden = !options.canFavorite;
    favorite.setAttribute('aria-pressed', String(isFavorite(photo)));
    const control = options.downloadControl(photo);
    download.replaceChildren(...(control ? [control] : []));
    download.hidden = control === null;
    preload(photos[at + 1]);
    preload(photos[at - 1]);
  }

  function step(by: number): void {
    const to = index + by;
    if (to < 0 || to >= photos.length) return;
    show(to);
    // A disabled button loses focus: keep it on the stage's other arrow instead.
    if (document.activeElement === prev && prev.disabled) next.focus();
    if (document.activeElement === next && next.disabled) prev.focus();
  }

  prev.addEventListener('click', () => step(-1));
  next.addEventListener('click', () => step(1));
  /**
   * Closes and gives focus back to the photo last shown, at once. The dialog's own `close`
   * event comes a task later, after the browser has put focus back on the photo the lightbox
   * was opened from: for that moment a keyboard or screen-reader user would be elsewhere.
   */
  function close(): void {
    if (!dialog.open) return;
    dialog.close();
    const photo = photos[index];
    if (photo) options.returnFocusTo(photo)?.focus();
  }

  byId('lb-close').addEventListener('click', close);
  // Escape asks to cancel the modal dialog: closed here instead, to give focus back as above.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  favorite.addEventListener('click', async () => {
    const photo = photos[index];
    if (!photo) return;
    favorite.disabled = true;
    try {
      const updated = await options.toggleFavorite(photo);
      photos = photos.map((p) => (p.id === updated.id ? updated : p));
      if (photos[index]?.id === updated.id) {
        favorite.setAttribute('aria-pressed', String(isFavorite(updated)));
      }
    } finally {
      favorite.disabled = false;
    }
  });

  function focusable(): HTMLElement[] {
    return [...dialog.querySelectorAll<HTMLElement>('button, a[href], summary, video')].filter(
      (el) =>
        el.offsetParent !== null &&
        !el.closest('[hidden]') &&
        !(el instanceof HTMLButtonElement && el.disabled),
    );
  }

  dialog.addEventListener('keydown', (event) => {
    // A focused video's controls seek with the arrows and Home/End: those keys are its own.
    if (event.target instanceof HTMLVideoElement && SEEK_KEYS.has(event.key)) return;
    if (event.key === 'ArrowRight') step(1);
    else if (event.key === 'ArrowLeft') step(-1);
    else if (event.key === 'Home') show(0);
    else if (event.key === 'End') show(photos.length - 1);
    else if (event.key === 'Tab') {
      // The dialog is modal, so the page behind is inert; this keeps Tab from leaving for the
      // browser's own controls too, and wraps around.
      const els = focusable();
      const first = els[0];
      const last = els[els.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) last.focus();
      else if (!event.shiftKey && document.activeElement === last) first.focus();
      else return;
    } else return;
    event.preventDefault();
  });

  dialog.addEventListener('close', () => {
    clearFrame();
  });

  // A swipe on a touch screen: pointer events, since the stage lets the browser keep only
  // vertical panning and pinch-zoom (touch-action in the stylesheet).
  let touch: { x: number; y: number; t: number; id: number } | null = null;
  stage.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse') return;
    // A touch on a video is for its controls (scrubbing is a horizontal drag): the buttons
    // still go to the next and the previous.
    if (event.target instanceof HTMLVideoElement) return;
    touch = { x: event.clientX, y: event.clientY, t: event.timeStamp, id: event.pointerId };
  });
  stage.addEventListener('pointercancel', () => {
    touch = null;
  });
  stage.addEventListener('pointerup', (event) => {
    if (!touch || touch.id !== event.pointerId) return;
    const swipe = swipeOf(
      event.clientX - touch.x,
      event.clientY - touch.y,
      event.timeStamp - touch.t,
      stage.clientWidth,
    );
    touch = null;
    if (swipe === 'next') step(1);
    else if (swipe === 'previous') step(-1);
  });

  return {
    open(list, at) {
      photos = [...list];
      show(at);
      if (!dialog.open) dialog.showModal();
      byId('lb-close').focus();
    },
    update(photo) {
      photos = photos.map((p) => (p.id === photo.id ? photo : p));
      if (dialog.open && photos[index]?.id === photo.id) {
        favorite.setAttribute('aria-pressed', String(isFavorite(photo)));
      }
    },
  };
}
