// The photo endpoints the gallery pages call, typed by the protocol: one home for their paths.
import type {
  DownloadSize,
  MAX_PER_PAGE,
  Photo,
  PhotoStatus,
  PhotoUpdate,
} from '@proofsheet/protocol';
import { api } from './api.js';
import type { Envelope, Page } from './responses.js';

// The protocol's limit, typed by the protocol's constant: a change there fails this build.
const PER_PAGE: typeof MAX_PER_PAGE = 100;

/** `/api/v1/galleries/{id}/photos`: where a gallery's photos are listed and uploaded. */
export function galleryPhotosPath(galleryId: number): string {
  return `/api/v1/galleries/${galleryId}/photos`;
}

function photoPath(photoId: number): string {
  return `/api/v1/photos/${photoId}`;
}

/** What to list: every photo, or only those in one state, or only the viewer's favorites. */
export interface PhotoFilter {
  status?: PhotoStatus;
  favorites?: boolean;
}

/**
 * Every photo of a gallery the viewer may see, in the studio's order: page after page of the
 * largest size the API gives, so a wedding of a thousand photos is ten requests.
 */
export async function listAllPhotos(galleryId: number, filter: PhotoFilter = {}): Promise<Photo[]> {
  const photos: Photo[] = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ page: String(page), per_page: String(PER_PAGE) });
    if (filter.status) query.set('status', filter.status);
    if (filter.favorites !== undefined) query.set('favorites', String(filter.favorites));
    const body = await api<Page<Photo>>('GET', `${galleryPhotosPath(galleryId)}?${query}`);
    photos.push(...body.data);
    if (body.data.length === 0 || page >= body.meta.last_page) return photos;
  }
}

/** One photo as the viewer sees it now. */
export async function getPhoto(photoId: number): Promise<Photo> {
  return (await api<Envelope<Photo>>('GET', photoPath(photoId))).data;
}

/** Renames, moves, hides or makes a photo the cover; answers the photo as it is now. */
export async function updatePhoto(photoId: number, changes: PhotoUpdate): Promise<Photo> {
  return (await api<Envelope<Photo>>('PUT', photoPath(photoId), changes)).data;
}

export async function deletePhoto(photoId: number): Promise<void> {
  await api('DELETE', photoPath(photoId));
}

/** Adds the photo to the viewer's favorites, or takes it out. */
export async function setFavorite(photoId: number, favorite: boolean): Promise<void> {
  await api(favorite ? 'POST' : 'DELETE', `${photoPath(photoId)}/favorite`);
}

/** The address that downloads one photo in a size the collection offers. */
export function photoDownloadUrl(photoId: number, size: DownloadSize): string {
  return `${photoPath(photoId)}/download?size=${encodeURIComponent(size)}`;
}

/** The address of a gallery's ZIP in a size the collection offers. */
export function galleryDownloadUrl(galleryId: number, size: DownloadSize): string {
  return `/api/v1/galleries/${galleryId}/download?size=${encodeURIComponent(size)}`;
}
