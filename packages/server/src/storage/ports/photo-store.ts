import type { MediaKind, PhotoOrder, PhotoSize, PhotoStatus } from '@proofsheet/protocol';
import type { GalleryClientScope } from './gallery-client-scope.js';

/** One size of a photo, in one format, as stored in the blob store. */
export interface DerivativeRef {
  size: PhotoSize;
  format: 'webp' | 'jpeg';
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  contentType: string;
}

export interface PhotoRecord {
  id: number;
  accountId: string;
  collectionId: number;
  galleryId: number;
  kind: MediaKind;
  filename: string;
  /** Sniffed from the bytes. */
  contentType: string;
  /** Bytes of the original. */
  size: number;
  /** SHA-256 of the original: its key in the blob store. */
  sha256: string;
  width: number | null;
  height: number | null;
  takenAt: string | null;
  camera: string | null;
  lens: string | null;
  /** The original carries a location (never copied into a derivative). */
  hasGps: boolean;
  status: PhotoStatus;
  statusReason: string | null;
  thumbhash: string | null;
  derivatives: DerivativeRef[];
  position: number;
  hidden: boolean;
  /** Favorites by everyone; in a gallery client's scope, 1 if they favorited it, else 0. */
  favoriteCount: number;
  /** User who uploaded it; `null` when it came from a command (the demo). */
  uploadedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What processing found in the original: everything a `ready` photo has. */
export interface ProcessedFields {
  width: number;
  height: number;
  takenAt: string | null;
  camera: string | null;
  lens: string | null;
  hasGps: boolean;
  thumbhash: string | null;
  derivatives: DerivativeRef[];
}

/** The fields the studio edits; position moves the others to make room. */
export interface PhotoChanges {
  filename?: string;
  position?: number;
  hidden?: boolean;
  updatedAt: Date;
}

export interface PhotoListOptions {
  offset: number;
  limit: number;
  order?: PhotoOrder;
  /** Only what a gallery client or visitor may see: ready and not hidden. */
  visibleOnly?: boolean;
  status?: PhotoStatus;
  /**
   * Only the photos this person (a user id or a visitor id) favorited (`favorited: true`), or
   * those they did not (`false`): in any of their lists, or in `listId` alone.
   */
  favorites?: { ownerKey: string; favorited: boolean; listId?: string };
}

/** Why a new photo was not stored; `gallery_missing`: its gallery was deleted meanwhile. */
export type CreatePhotoRefusal = 'id_taken' | 'quota_exceeded' | 'gallery_missing';

/**
 * Photos and videos of galleries, and the bytes each account stores. Positions are 1-based
 * and gapless within a gallery. Usage counts an original and its derivatives once per photo:
 * two photos of the same bytes are two photos to the studio, though the blob is stored once.
 */
export interface PhotoStore {
  /**
   * Adds a photo at the end of its gallery (the record's `position` is ignored and set), and
   * its size to the account's usage, in one transaction. With `quotaBytes`, refuses (nothing
   * written) when the account would then store more than that.
   */
  create(
    photo: PhotoRecord,
    options?: { quotaBytes?: number | null },
  ): Promise<{ created: PhotoRecord } | { refused: CreatePhotoRefusal }>;
  findInAccount(accountId: string, id: number): Promise<PhotoRecord | null>;
  /**
   * The photo if this reader may see it: for the studio (no `visibleTo`) any photo of the
   * account whose gallery and collection exist; for a gallery client a ready, unhidden photo
   * of a gallery that is not private, in a collection shared with them and not expired. One
   * query, as every image request asks it.
   */
  findVisible(
    accountId: string,
    id: number,
    visibleTo?: GalleryClientScope,
  ): Promise<PhotoRecord | null>;
  /** By id alone, for the processing job, which knows nothing else. */
  findById(id: number): Promise<PhotoRecord | null>;
  listForGallery(
    accountId: string,
    galleryId: number,
    options: PhotoListOptions,
  ): Promise<{ items: PhotoRecord[]; total: number }>;
  update(accountId: string, id: number, changes: PhotoChanges): Promise<PhotoRecord | null>;
  /** `ready`, with what processing found; its derivative bytes join the account's usage. */
  markReady(id: number, fields: ProcessedFields, at: Date): Promise<PhotoRecord | null>;
  markFailed(id: number, reason: string, at: Date): Promise<PhotoRecord | null>;
  /**
   * Deletes the photo and its favorites, closes the gap in positions, clears it as a cover and
   * takes its bytes off the usage. Returns the deleted record, whose blobs the caller may then
   * release.
   */
  delete(accountId: string, id: number): Promise<PhotoRecord | null>;
  /**
   * Deletes every photo of a gallery or of a collection (being deleted themselves), with their
   * favorites, and takes their bytes off the usage. Returns the deleted records, whose blobs
   * the caller may then release.
   */
  deleteAll(
    accountId: string,
    scope: { galleryId: number } | { collectionId: number },
  ): Promise<PhotoRecord[]>;
  /** Whether any photo still refers to this blob (as original or as a derivative). */
  isBlobReferenced(sha256: string): Promise<boolean>;
  /** Photos whose processing has not finished, oldest first, for the start-up pass. */
  listProcessing(limit: number): Promise<PhotoRecord[]>;
  /** Every blob key any photo refers to, for the reconciliation pass. */
  referencedBlobs(): Promise<Set<string>>;
  /**
   * Which of these photos this person (a user id or a visitor id) favorited, in any of their
   * lists: what a client's `favorite_count` shows instead of everyone's.
   */
  favoritedBy(ownerKey: string, photoIds: readonly number[]): Promise<Set<number>>;
  /** Bytes the account stores. */
  usage(accountId: string): Promise<number>;
  /** Sets (`photoId`) or clears (`null`) a gallery's chosen cover. `false`: no such gallery. */
  setCover(accountId: string, galleryId: number, photoId: number | null): Promise<boolean>;
  /**
   * The cover of each gallery as a viewer sees it: the chosen one if it is ready and they may
   * see it, else the first ready photo in position order they may see. Galleries without one
   * are not in the map. Whether the viewer may see the gallery itself is the caller's to check.
   */
  coversOf(
    accountId: string,
    galleryIds: readonly number[],
    options: { visibleOnly: boolean },
  ): Promise<Map<number, PhotoRecord>>;
}
