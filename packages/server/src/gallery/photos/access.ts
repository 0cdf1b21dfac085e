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
 * galleries if it names some, and none for a single-photo link. Anything else is the same
 * 404 as an unknown ID, so that a client cannot learn which IDs exist.
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
 * The viewer to read one photo as. A single-photo link's visitor reaches that photo alone (any
 * other is not there), and reads it through their collection's scope without the link's "no
 * gallery" limit, which is there so that no gallery opens as a whole. Anyone else as they are.
 */
function throughPhotoLink(viewer: Viewer, photoId: number): Viewer {
  const single = viewer.visitor?.photoId ?? null;
  if (single === null || viewer.visibleTo === undefined) return viewer;
  if (single !== photoId) throw photoNotFound(photoId);
  const { galleryIds: _noGallery, ...scope } = viewer.visibleTo;
  return { ...viewer, visibleTo: scope };
}

/**
 * The photo, if this viewer may see it: the studio any photo of its account; anyone else only
 * a ready, unhidden photo of a gallery they may see (`readableGallery`'s rule, checked by the
 * stores' own SQL in one query), and a single-photo link's visitor only that photo. Checked on
 * every request for a photo or any of its images: an address that leaks must not outlive the
 * access it was made for.
 */
export async function visiblePhoto(
  ctx: Pick<ResourceContext<'photos'>, 'storage'>,
  viewer: Viewer,
  photoId: number,
): Promise<PhotoRecord> {
  const through = throughPhotoLink(viewer, photoId);
  const photo = await ctx.storage.photos.findVisible(through.accountId, photoId, through.visibleTo);
  if (!photo) throw photoNotFound(photoId);
  return photo;
}

/** {@link visiblePhoto}, with the gallery and collection it is in, as this viewer sees them. */
export async function readablePhoto(
  ctx: Pick<ResourceContext<'galleries' | 'collections' | 'photos'>, 'storage'>,
  viewer: Viewer,
  photoId: number,
): Promise<ReadablePhoto> {
  const photo = await visiblePhoto(ctx, viewer, photoId);
  try {
    const through = throughPhotoLink(viewer, photoId);
    return { photo, ...(await readableGallery(ctx, through, photo.galleryId)) };
  } catch (error) {
    // Deleted or unshared between the two reads: as if it never was.
    if (error instanceof AppError && error.code === 'not_found') throw photoNotFound(photoId);
    throw error;
  }
}
