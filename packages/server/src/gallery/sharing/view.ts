import type {
  CollectionClient,
  CollectionDefaults,
  PhotoSharingLink,
  ShareLink,
  VisitorEmail,
} from '@proofsheet/protocol';
import { formatTimestamp } from '../../http/timestamp.js';
import type { CollectionPersonRecord } from '../../storage/ports/collection-access-store.js';
import type { CollectionDefaultsRecord } from '../../storage/ports/collection-defaults-store.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import type { ShareLinkRecord, ShareLinkSummary } from '../../storage/ports/share-link-store.js';
import type { VisitorRecord } from '../../storage/ports/visitor-store.js';

const stamp = (at: Date | null) => (at === null ? null : formatTimestamp(at));

/** A share link as the API lists it: never its token, never its password. */
export function toShareLink(link: ShareLinkRecord): ShareLink {
  return {
    id: link.id,
    collection_id: link.collectionId,
    password_protected: link.passwordHash !== null,
    downloads: link.downloads,
    gallery_ids: link.galleryIds,
    photo_id: link.photoId,
    expires_at: stamp(link.expiresAt),
    visits: link.visits,
    last_visited_at: stamp(link.lastVisitedAt),
    created_at: formatTimestamp(link.createdAt),
  };
}

/** A single-photo link with its photo (null once deleted) and whether it still opens at `now`. */
export function toPhotoSharingLink(
  link: ShareLinkSummary & { photoId: number },
  photo: PhotoRecord | null,
  now: Date,
): PhotoSharingLink {
  return {
    id: link.id,
    photo_id: link.photoId,
    gallery_id: photo?.galleryId ?? null,
    filename: photo?.filename ?? null,
    downloads: link.downloads,
    password_protected: link.passwordHash !== null,
    expires_at: stamp(link.expiresAt),
    active: photo !== null && (link.expiresAt === null || link.expiresAt > now),
    visits: link.visits,
    visitors: link.visitors,
    last_visited_at: stamp(link.lastVisitedAt),
    created_at: formatTimestamp(link.createdAt),
  };
}

export function toVisitorEmail(v: VisitorRecord): VisitorEmail {
  return {
    visitor_id: v.id,
    email: v.email,
    first_visited_at: formatTimestamp(v.firstVisitedAt),
    last_visited_at: formatTimestamp(v.lastVisitedAt),
    visits: v.visits,
  };
}

export function toCollectionClient(p: CollectionPersonRecord): CollectionClient {
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    access_level: p.kind,
    last_accessed: stamp(p.lastAccessedAt),
    favorites_count: p.favoritesCount,
  };
}

export function toCollectionDefaults(d: CollectionDefaultsRecord): CollectionDefaults {
  return {
    id: d.accountId,
    downloadable: d.downloadable,
    expiry_days: d.expiryDays,
    watermark: d.watermark,
    updated_at: stamp(d.updatedAt),
  };
}
