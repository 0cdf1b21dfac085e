import type { Collection, Gallery } from '@proofsheet/protocol';
import { formatTimestamp } from '../../http/timestamp.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { GalleryRecord } from '../../storage/ports/gallery-store.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import { toGalleryCover } from '../photos/view.js';
import type { Viewer } from '../viewer.js';

/**
 * A collection as the API shows it, to one viewer. A gallery client sees only their own email
 * in `shared_with`: the other people a collection is shared with are not theirs to know, so
 * neither is their number, and `client_count` counts `shared_with` as shown (1, themselves; 0
 * for a share-link visitor, who is no client).
 * The gallery, photo and video counts come from the store, which counts for a gallery client
 * only the galleries they may see.
 */
export function toCollection(c: CollectionView, viewer: Viewer): Collection {
  const ownIndex = c.sharedWith.indexOf(viewer.userId);
  const sharedWith =
    viewer.visibleTo === undefined
      ? c.sharedWithEmails
      : c.sharedWithEmails.filter((_email, i) => i === ownIndex);
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    gallery_count: c.galleryCount,
    photo_count: c.photoCount,
    video_count: c.videoCount,
    client_count: sharedWith.length,
    password_protected: c.passwordProtected,
    downloadable: c.downloadable,
    download_sizes: c.downloadSizes,
    download_pin_protected: c.downloadPinHash !== null,
    expiry_date: c.expiryDate,
    shared_with: sharedWith,
    // Whom the studio invited is the studio's business alone.
    invited: viewer.visibleTo === undefined ? c.invitedEmails : [],
    created_at: formatTimestamp(c.createdAt),
    updated_at: formatTimestamp(c.updatedAt),
  };
}

/**
 * A gallery as the API shows it, with its cover as the same viewer sees it (from
 * `PhotoStore.coversOf`); the counts are already the viewer's, from the store.
 */
export function toGallery(g: GalleryRecord, cover: PhotoRecord | undefined): Gallery {
  return {
    id: g.id,
    collection_id: g.collectionId,
    name: g.name,
    description: g.description,
    photo_count: g.photoCount,
    video_count: g.videoCount,
    private: g.private,
    download: g.download,
    cover_photo: toGalleryCover(cover),
    favorite_count: g.favoriteCount,
    created_at: formatTimestamp(g.createdAt),
    updated_at: formatTimestamp(g.updatedAt),
  };
}
