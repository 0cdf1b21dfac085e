import type {
  Comment,
  FavoritedPhoto,
  FavoriteList,
  ProofingPerson,
  StarredPhoto,
} from '@proofsheet/protocol';
import { formatTimestamp } from '../../http/timestamp.js';
import type { CommentView } from '../../storage/ports/comment-store.js';
import type {
  FavoritedPhotoRecord,
  FavoriteListView,
  OwnerDetails,
} from '../../storage/ports/favorite-store.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import { isStudio } from '../photos/access.js';
import { photoUrls } from '../photos/view.js';
import { type Viewer, viewerKey } from '../viewer.js';

/**
 * A person as one viewer is shown them. A client sees an email only if it is their own: the
 * studio's staff and other people are names to them, not addresses.
 */
export function toPerson(key: string, details: OwnerDetails, viewer: Viewer): ProofingPerson {
  const email = isStudio(viewer) || key === viewerKey(viewer) ? details.email : null;
  return { id: key, name: details.name, email, studio: details.studio };
}

export function toFavoriteList(list: FavoriteListView, viewer: Viewer): FavoriteList {
  return {
    id: list.id,
    collection_id: list.collectionId,
    name: list.name,
    default: list.isDefault,
    owner: toPerson(list.ownerKey, list.owner, viewer),
    set_by_studio: list.setByStudio,
    min_selection: list.minSelection,
    max_selection: list.maxSelection,
    photo_count: list.photoCount,
    submitted: list.submittedAt !== null,
    submitted_at: list.submittedAt === null ? null : formatTimestamp(list.submittedAt),
    created_at: formatTimestamp(list.createdAt),
    updated_at: formatTimestamp(list.updatedAt),
  };
}

/** The thumbnail's addresses, which every viewer of a favorite may have. */
function thumbnailOf(photo: PhotoRecord) {
  return photoUrls(photo, { original: false }).thumbnail;
}

export function toFavoritedPhoto(item: FavoritedPhotoRecord, viewer: Viewer): FavoritedPhoto {
  const { photo } = item;
  return {
    photo_id: photo.id,
    gallery_id: photo.galleryId,
    collection_id: photo.collectionId,
    filename: photo.filename,
    thumbnail: thumbnailOf(photo),
    favorite_count: item.people,
    first_favorited_at: formatTimestamp(item.firstAt),
    last_favorited_at: formatTimestamp(item.lastAt),
    favorites: item.entries.map((e) => ({
      person: toPerson(e.ownerKey, e.owner, viewer),
      list_id: e.listId,
      list_name: e.listName,
      favorited_at: formatTimestamp(e.createdAt),
    })),
  };
}

export function toStarredPhoto(item: FavoritedPhotoRecord): StarredPhoto {
  const { photo } = item;
  return {
    photo_id: photo.id,
    gallery_id: photo.galleryId,
    collection_id: photo.collectionId,
    filename: photo.filename,
    thumbnail: thumbnailOf(photo),
    favorite_count: item.people,
    last_favorited_at: formatTimestamp(item.lastAt),
  };
}

export function toComment(comment: CommentView, viewer: Viewer): Comment {
  return {
    id: comment.id,
    photo_id: comment.photoId,
    collection_id: comment.collectionId,
    // What the author was when they wrote it decides, whatever their account is now.
    author: { ...toPerson(comment.authorKey, comment.author, viewer), studio: comment.fromStudio },
    text: comment.text,
    created_at: formatTimestamp(comment.createdAt),
  };
}

/** How a notification names someone: their name, else their email, else "A client". */
export function displayName(details: OwnerDetails): string {
  return details.name ?? details.email ?? 'A client';
}
