import type { Collection, Gallery } from '@proofsheet/protocol';
import type { ActiveSession } from '../auth/session-service.js';
import { formatTimestamp } from '../http/timestamp.js';
import type { CollectionView, GalleryRecord } from '../storage/ports.js';

/** Who is looking, for what they may see. */
export interface Viewer {
  userId: string;
  accountId: string;
  /** Set for a gallery client: they see only what is shared with them. */
  visibleTo?: string;
}

/** The viewer a session stands for. */
export function viewerOf(auth: ActiveSession): Viewer {
  const { userId, accountId, role } = auth.login;
  return role === 'gallery_client'
    ? { userId, accountId, visibleTo: userId }
    : { userId, accountId };
}

/**
 * A collection as the API shows it. A gallery client sees only their own email in
 * `shared_with`: the other people a collection is shared with are not theirs to know.
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
    client_count: c.sharedWith.length,
    password_protected: c.passwordProtected,
    downloadable: c.downloadable,
    expiry_date: c.expiryDate,
    shared_with: sharedWith,
    created_at: formatTimestamp(c.createdAt),
    updated_at: formatTimestamp(c.updatedAt),
  };
}

/** A gallery as the API shows it. Photos are not stored yet, so there is no cover photo. */
export function toGallery(g: GalleryRecord): Gallery {
  return {
    id: g.id,
    collection_id: g.collectionId,
    name: g.name,
    description: g.description,
    photo_count: g.photoCount,
    video_count: g.videoCount,
    private: g.private,
    download: g.download,
    cover_photo: null,
    favorite_count: g.favoriteCount,
    created_at: formatTimestamp(g.createdAt),
    updated_at: formatTimestamp(g.updatedAt),
  };
}
