import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { GalleryRecord } from '../../storage/ports/gallery-store.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import type { Viewer } from '../viewer.js';

/** A gallery, with the collection it is in, that a viewer may see. */
export interface ReadableGallery {
  gallery: GalleryRecord;
  collection: CollectionView;
}

/** A photo, with its gallery and collection, that a viewer may see. */
export interface ReadablePhoto extends ReadableGallery {
  photo: PhotoRecord;
}

function galleryNotFound(id: number): AppError {
  return new AppError('not_found', `No gallery found with ID: ${id}`);
}

function photoNotFound(id: number): AppError {
  return new AppError('not_found', `No photo found with ID: ${id}`);
}

/** Whether the viewer is the studio (owner or assistant), who sees everything. */
export function isStudio(viewer: Viewer): boolean {
  return viewer.visibleTo === undefined;
}

/**
 * The gallery, if this viewer may see it: the studio sees every gallery of its account; a
 * gallery client only a gallery that is not private, in a collection shared with them that has
 * not expired; a share-link visitor the same in the link's collection, only among the link's
 * galleries if it names some, and none for a single-photo link. Anything else is the same 404 as an unknown ID, so that a client cannot learn
 * which IDs exist.
 */
export async function readableGallery(
  ctx: Pick<ResourceContext<'galleries' | 'collections'>, 'storage'>,
  viewer: Viewer,
  galleryId: number,
): Promise<ReadableGallery> {
  const gallery = await ctx.storage.galleries.findInAccount(
    viewer.accountId,
    galleryId,
    viewer.visibleTo,
  );
  if (!gallery) throw galleryNotFound(galleryId);
  const collection = await ctx.storage.collections.findById(
    viewer.accountId,
    gallery.collectionId,
    viewer.visibleTo,
  );
  if (!collection) throw galleryNotFound(galleryId);
  return { gallery, collection };
}

/**
 * The photo, if this viewer may see it: its gallery must be readable, and for anyone but the
 * studio it must be ready and not hidden; for a single-photo link's visitor it must be that
 * photo. Checked on every request for a photo or any of its
 * images: an address that leaks must not outlive the access it was made for.
 */
export async function readablePhoto(
  ctx: Pick<ResourceContext<'galleries' | 'collections' | 'photos'>, 'storage'>,
  viewer: Viewer,
  photoId: number,
): Promise<ReadablePhoto> {
  const photo = await ctx.storage.photos.findInAccount(viewer.accountId, photoId);
  if (!photo) throw photoNotFound(photoId);
  if (!isStudio(viewer) && (photo.hidden || photo.status !== 'ready')) {
    throw photoNotFound(photoId);
  }
  // A single-photo link opens that photo and nothing else, not even its gallery as a whole:
  // its gallery is read here in a scope widened to that one gallery.
  const single = viewer.visitor?.photoId ?? null;
  if (single !== null && single !== photoId) throw photoNotFound(photoId);
  const through =
    single !== null && viewer.visibleTo
      ? { ...viewer, visibleTo: { ...viewer.visibleTo, galleryIds: [photo.galleryId] } }
      : viewer;
  try {
    return { photo, ...(await readableGallery(ctx, through, photo.galleryId)) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw photoNotFound(photoId);
    throw error;
  }
}
