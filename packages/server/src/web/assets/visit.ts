// A share-link visitor's page (/visit): the link's collection as its clients see it, through
// the /api/v1 routes that take visitors (client-gallery.ts: cover, grid, lightbox, favorites,
// downloads as the link allows), or a single-photo link's one photo, large. The server renders
// what is shown without JavaScript; this replaces it.
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import { api } from './api.js';
import { mountClientGallery } from './client-gallery.js';
import { type DownloadOffer, downloadControl, loadDownloadOffer } from './downloads.js';
import { getPhoto, photoDownloadUrl, setFavorite } from './photo-api.js';
import { photoFrame, photoPicture } from './picture.js';
import type { Envelope } from './responses.js';
import { byId, h, reportError, showError } from './ui.js';
import { videoPlayer } from './video-player.js';

const data = document.body.dataset;
const collectionId = Number(data.collection);

/** The link's galleries, as the client view. Nothing to show: the server's words stay. */
async function showGalleries(): Promise<void> {
  const base = `/api/v1/collections/${collectionId}`;
  const [collection, galleries, downloads] = await Promise.all([
    api<Envelope<Collection>>('GET', base),
    api<Envelope<Gallery[]>>('GET', `${base}/galleries`),
    loadDownloadOffer(collectionId),
  ]);
  if (galleries.data.length === 0) return;
  await mountClientGallery({
    collection: collection.data,
    galleries: galleries.data,
    // Favorites are anyone's who can see the photo, a visitor's under their visitor id.
    canFavorite: true,
    downloads,
  });
}

function favoriteButton(photo: Photo): HTMLButtonElement {
  let current = photo;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary small toggle',
      'aria-label': `Favorite ${photo.filename}`,
      'aria-pressed': String(photo.favorite_count > 0),
    },
    '♥ Favorite',
  );
  button.addEventListener('click', async () => {
    const favorite = current.favorite_count === 0;
    try {
      await setFavorite(current.id, favorite);
    } catch (error) {
      reportError(error);
      return;
    }
    showError('');
    current = { ...current, favorite_count: favorite ? 1 : 0 };
    button.setAttribute('aria-pressed', String(favorite));
  });
  return button;
}

/**
 * A single-photo link's photo at the width of the page (its preview and large sizes), or its
 * video to play, with a favorite and, when the server said this photo may be downloaded, the
 * sizes offered.
 */
async function showPhoto(photoId: number, downloadable: boolean): Promise<void> {
  const [photo, offer] = await Promise.all([
    getPhoto(photoId),
    downloadable ? loadDownloadOffer(collectionId) : Promise.resolve<DownloadOffer | null>(null),
  ]);
  const frame = byId('visitor-frame');
  if (photo.urls.video) {
    frame.replaceChildren(videoPlayer(photo, photo.urls.video, 'visitor-video'));
  } else {
    const picture = photoPicture(photo.urls, {
      sizes: ['preview', 'large'],
      sizesAttr: '(max-width: 640px) 100vw, 80vw',
      alt: photo.filename,
      lazy: false,
    });
    if (picture) photoFrame(frame, photo.thumbhash, picture);
  }
  const download = offer
    ? downloadControl(offer, (size) => photoDownloadUrl(photo.id, size), {
        content: ['⤓ Download'],
        name: `Download ${photo.filename}`,
        buttonClass: 'button-link',
      })
    : null;
  byId('visitor-photo-actions').replaceChildren(
    favoriteButton(photo),
    ...(download ? [download] : []),
  );
}

async function start(): Promise<void> {
  try {
    if (data.photo) await showPhoto(Number(data.photo), data.photoDownloads === 'true');
    else await showGalleries();
  } catch (error) {
    reportError(error);
  }
}

start();
