// A collection as its clients see it: a cover with the collection's name and date, its
// galleries as tabs, each gallery's photos in a justified grid (lazy-loaded, srcset), a
// lightbox, favorites and downloads as the collection allows. Filled into the markup of
// CLIENT_VIEW (src/web/photo-pages.ts), so any page with that markup can mount it.
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import { type DownloadOffer, downloadControl } from './downloads.js';
import { createLightbox } from './lightbox.js';
import { galleryDownloadUrl, listAllPhotos, photoDownloadUrl, setFavorite } from './photo-api.js';
import { photoPicture } from './picture.js';
import { paintPlaceholder } from './placeholder.js';
import { aspectRatio, gridSizes } from './srcset.js';
import { byId, h, reportError, showError } from './ui.js';

export interface ClientGalleryOptions {
  collection: Collection;
  /** The galleries the viewer may see, in order. */
  galleries: readonly Gallery[];
  /** Whether the viewer may favorite photos. */
  canFavorite: boolean;
  /** What the viewer may download (`loadDownloadOffer`). */
  downloads: DownloadOffer;
}

/** The query parameter that names the gallery shown, so a link or reload keeps it. */
const GALLERY_PARAM = 'gallery';

function longDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleDateString(undefined, { dateStyle: 'long' });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Shows the client view of a collection. */
export async function mountClientGallery(options: ClientGalleryOptions): Promise<void> {
  const { collection, galleries } = options;
  const view = byId('client-view');
  const grid = byId('photo-grid');
  const summary = byId('photo-summary');
  const favoritesOnly = byId('favorites-only', HTMLButtonElement);
  const downloadAll = byId('download-gallery');
  document.body.classList.add('photo-view');
  view.hidden = false;
  byId('cover-text').prepend(byId('page-title'));
  byId('cover-date').textContent = longDate(collection.created_at);

  let gallery: Gallery | undefined;
  let photos: Photo[] = [];
  let onlyFavorites = false;

  const shown = () => (onlyFavorites ? photos.filter((p) => p.favorite_count > 0) : photos);

  async function toggleFavorite(photo: Photo): Promise<Photo> {
    const favorite = photo.favorite_count === 0;
    try {
      await setFavorite(photo.id, favorite);
    } catch (error) {
      reportError(error);
      return photo;
    }
    showError('');
    const updated = { ...photo, favorite_count: favorite ? 1 : 0 };
    photos = photos.map((p) => (p.id === updated.id ? updated : p));
    const heart = grid.querySelector<HTMLButtonElement>(`li[data-id="${photo.id}"] .heart`);
    heart?.setAttribute('aria-pressed', String(favorite));
    lightbox.update(updated);
    // Taken out while only favorites are shown: it leaves the grid.
    if (onlyFavorites && !favorite) renderGrid();
    else renderSummary();
    return updated;
  }

  const lightbox = createLightbox({
    canFavorite: options.canFavorite,
    downloadControl: (photo) =>
      gallery && options.downloads.galleries.has(gallery.id)
        ? downloadControl(options.downloads, (size) => photoDownloadUrl(photo.id, size), {
            content: [
              h('span', { 'aria-hidden': 'true' }, '⤓'),
              h('span', { class: 'lb-label' }, 'Download'),
            ],
            name: `Download ${photo.filename}`,
            buttonClass: 'lb-button',
          })
        : null,
    toggleFavorite,
    returnFocusTo: (photo) =>
      grid.querySelector<HTMLElement>(`li[data-id="${photo.id}"] .open-photo`),
  });

  function showCover(): void {
    const cover = galleries.find((g) => g.cover_photo)?.cover_photo ?? null;
    const hero = byId('cover');
    hero.querySelector('picture')?.remove();
    if (!cover) return;
    paintPlaceholder(hero, cover.thumbhash);
    const picture = photoPicture(
      {
        thumbnail: cover.thumbnail,
        preview: cover.preview,
        large: null,
        original: null,
        video: null,
      },
      // The cover is cropped to fill a tall box on phones, so it is shown wider than the
      // screen: the preview, whatever the width.
      { sizes: ['preview'], sizesAttr: '100vw', alt: '', lazy: false },
    );
    if (picture) hero.prepend(picture);
  }

  function tile(photo: Photo, index: number): HTMLLIElement {
    const ratio = aspectRatio(photo);
    const video = photo.kind === 'video';
    const open = h('button', {
      type: 'button',
      class: 'open-photo',
      'aria-label': `${video ? 'Play' : 'Open'} ${photo.filename}`,
      onclick: () => lightbox.open(shown(), index),
    });
    paintPlaceholder(open, photo.thumbhash);
    const picture = photoPicture(photo.urls, {
      sizes: ['thumbnail', 'preview'],
      sizesAttr: gridSizes(ratio),
      alt: photo.filename,
      lazy: true,
    });
    if (picture) open.append(picture);
    // The poster alone looks like a photo: the badge says it plays (the label says it in words).
    if (video) open.append(h('span', { class: 'play-badge', 'aria-hidden': 'true' }, '▶'));
    const li = h('li', { 'data-id': photo.id }, open);
    li.style.setProperty('--ratio', ratio.toFixed(4));
    if (options.canFavorite) {
      li.append(
        h(
          'button',
          {
            type: 'button',
            class: 'heart',
            'aria-label': `Favorite ${photo.filename}`,
            'aria-pressed': String(photo.favorite_count > 0),
            onclick: () => {
              const current = photos.find((p) => p.id === photo.id);
              if (current) void toggleFavorite(current);
            },
          },
          h('span', { 'aria-hidden': 'true' }, '♥'),
        ),
      );
    }
    return li;
  }

  function renderSummary(): void {
    const favorites = photos.filter((p) => p.favorite_count > 0).length;
    summary.textContent = [
      plural(photos.length, 'photo'),
      options.canFavorite ? plural(favorites, 'favorite') : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }

  function renderGrid(): void {
    const list = shown();
    grid.replaceChildren(...list.map(tile));
    if (list.length === 0) {
      grid.append(
        h(
          'li',
          { class: 'empty' },
          onlyFavorites ? 'No favorites in this gallery yet.' : 'No photos here yet.',
        ),
      );
    }
    grid.removeAttribute('aria-busy');
    renderSummary();
  }

  function renderTabs(): void {
    const tabs = byId('gallery-tabs');
    tabs.hidden = galleries.length < 2;
    byId('gallery-tab-list').replaceChildren(
      ...galleries.map((g) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `?${GALLERY_PARAM}=${g.id}`,
              'aria-current': g.id === gallery?.id ? 'page' : null,
              onclick: (event: Event) => {
                event.preventDefault();
                history.pushState(null, '', `?${GALLERY_PARAM}=${g.id}`);
                void select(g.id);
              },
            },
            g.name,
          ),
        ),
      ),
    );
  }

  async function select(galleryId: number | null): Promise<void> {
    gallery = galleries.find((g) => g.id === galleryId) ?? galleries[0];
    renderTabs();
    const shown = gallery;
    const control =
      shown && options.downloads.galleries.has(shown.id)
        ? downloadControl(options.downloads, (size) => galleryDownloadUrl(shown.id, size), {
            content: ['Download all'],
            name: `Download all of ${shown.name}`,
            buttonClass: 'button-link',
          })
        : null;
    downloadAll.replaceChildren(...(control ? [control] : []));
    downloadAll.hidden = control === null;
    if (!gallery) {
      photos = [];
      renderGrid();
      return;
    }
    grid.setAttribute('aria-busy', 'true');
    try {
      photos = await listAllPhotos(gallery.id);
    } catch (error) {
      photos = [];
      reportError(error);
    }
    renderGrid();
  }

  favoritesOnly.hidden = !options.canFavorite;
  favoritesOnly.addEventListener('click', () => {
    onlyFavorites = !onlyFavorites;
    favoritesOnly.setAttribute('aria-pressed', String(onlyFavorites));
    renderGrid();
  });
  window.addEventListener('popstate', () => {
    void select(Number(new URLSearchParams(location.search).get(GALLERY_PARAM)));
  });

  showCover();
  await select(Number(new URLSearchParams(location.search).get(GALLERY_PARAM)));
}
