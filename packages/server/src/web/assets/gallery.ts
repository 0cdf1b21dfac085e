// Gallery → a collection → one gallery, in the studio: upload photos, watch them being
// processed, and arrange them. A gallery client opening this address is sent to the client
// view of the same gallery.
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import { api } from './api.js';
import { getPhoto, listAllPhotos } from './photo-api.js';
import type { Envelope } from './responses.js';
import { createStudioGrid } from './studio-grid.js';
import { byId, findById, reportError } from './ui.js';
import { mountUploadPanel } from './upload-panel.js';

// /app/collections/{collectionId}/galleries/{galleryId}
const [, , , collectionPart = '', , galleryPart = ''] = location.pathname.split('/');
const collectionId = Number(collectionPart);
const galleryId = Number(galleryPart);
const collectionPath = `/app/collections/${encodeURIComponent(collectionPart)}`;

/** How often the grid asks which photos are still processing, while any is. */
const POLL_MS = 1500;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summarize(photos: readonly Photo[]): string {
  const count = (test: (p: Photo) => boolean) => photos.filter(test).length;
  const parts = [plural(photos.length, 'photo')];
  const processing = count((p) => p.status === 'processing');
  const failed = count((p) => p.status === 'failed');
  const hidden = count((p) => p.hidden);
  if (processing > 0) parts.push(`${processing} processing`);
  if (failed > 0) parts.push(`${failed} failed`);
  if (hidden > 0) parts.push(`${hidden} hidden`);
  return parts.join(' · ');
}

async function start(): Promise<void> {
  if (document.body.dataset.role === 'gallery_client') {
    location.replace(`${collectionPath}?gallery=${encodeURIComponent(galleryPart)}`);
    return;
  }
  const grid = createStudioGrid(byId('photo-grid'));
  let collection: Collection;
  let gallery: Gallery | undefined;
  try {
    const [c, galleries] = await Promise.all([
      api<Envelope<Collection>>('GET', `/api/v1/collections/${collectionId}`),
      api<Envelope<Gallery[]>>('GET', `/api/v1/collections/${collectionId}/galleries`),
    ]);
    collection = c.data;
    gallery = galleries.data.find((g) => g.id === galleryId);
    if (!gallery) throw new Error('No such gallery in this collection');
  } catch (error) {
    byId('photo-grid').removeAttribute('aria-busy');
    reportError(error);
    return;
  }
  byId('page-title').textContent = gallery.name;
  document.title = `${gallery.name} · ${collection.name} · Proofsheet Galleries`;
  const back = byId('back-link', HTMLAnchorElement);
  back.href = collectionPath;
  back.textContent = `← ${collection.name}`;
  byId('gallery-details').textContent = [
    gallery.private
      ? 'Private: clients do not see this gallery'
      : 'Shown to the collection’s clients',
    collection.downloadable && gallery.download ? 'downloads on' : 'downloads off',
  ].join(' · ');

  let polling: ReturnType<typeof setTimeout> | null = null;
  /** Asks which photos are still processing, and fetches those that are done since. */
  async function poll(): Promise<void> {
    polling = null;
    const waiting = grid.photos.filter((p) => p.status === 'processing');
    if (waiting.length === 0) return;
    try {
      const still = new Set(
        (await listAllPhotos(galleryId, { status: 'processing' })).map((p) => p.id),
      );
      for (const p of waiting) {
        if (!still.has(p.id)) grid.replace(await getPhoto(p.id));
      }
    } catch (error) {
      reportError(error);
    }
    schedule();
  }
  function schedule(): void {
    if (polling === null && grid.photos.some((p) => p.status === 'processing')) {
      polling = setTimeout(poll, POLL_MS);
    }
  }
  const summary = byId('photo-summary');
  grid.onChange = () => {
    summary.textContent = summarize(grid.photos);
    schedule();
  };

  mountUploadPanel({
    galleryId,
    dropzone: byId('dropzone'),
    input: byId('file-input', HTMLInputElement),
    list: byId('upload-list'),
    summary: byId('upload-summary'),
    onUploaded: (photo) => grid.add(photo),
  });

  try {
    grid.set(await listAllPhotos(galleryId));
  } catch (error) {
    findById('photo-grid')?.removeAttribute('aria-busy');
    reportError(error);
  }
}

start();
