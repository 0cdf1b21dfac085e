import type { DownloadSize } from '@proofsheet/protocol';
import type { GalleryClientScope } from './gallery-client-scope.js';

export interface CollectionRecord {
  id: number;
  accountId: string;
  name: string;
  description: string | null;
  /**
   * Whether share-link visitors must enter a password. Kept equal to `passwordHash !== null` by
   * every write; a row from before passwords were stored may say true with no hash, and then
   * no password opens it until the studio sets one (closed, not silently open).
   */
  passwordProtected: boolean;
  /** The argon2 hash of the password visitors enter, or null. Never leaves the server. */
  passwordHash: string | null;
  downloadable: boolean;
  /** The sizes offered to clients for download. Absent on create: every size. */
  downloadSizes?: DownloadSize[];
  /** The download PIN's hash (as passwords are hashed); `null`: no PIN. Absent on create: none. */
  downloadPinHash?: string | null;
  expiryDate: string | null;
  /** User ids of the gallery clients it is shared with. */
  sharedWith: string[];
  /**
   * Ids of the invitations whose person it is shared with once they accept (addresses that had
   * no account). Absent on create: none.
   */
  invitations?: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A collection with the counts derived from its galleries and shares. */
export interface CollectionView extends CollectionRecord {
  /** In `DOWNLOAD_SIZES` order. */
  downloadSizes: DownloadSize[];
  downloadPinHash: string | null;
  /** Of the galleries the reader may see: without private ones in a gallery client's scope. */
  galleryCount: number;
  photoCount: number;
  videoCount: number;
  /** Emails of the users in `sharedWith`. */
  sharedWithEmails: string[];
  /** The invitations still open (neither accepted nor withdrawn), by email. */
  invitations: string[];
  /** Emails of `invitations`, in the same order. */
  invitedEmails: string[];
}

/** Changes to a collection. `passwordHash` also sets `passwordProtected` (null clears both). */
export type CollectionChanges = Partial<
  Pick<
    CollectionRecord,
    | 'name'
    | 'description'
    | 'passwordHash'
    | 'downloadable'
    | 'downloadSizes'
    | 'downloadPinHash'
    | 'expiryDate'
    | 'sharedWith'
    | 'invitations'
  >
> & { updatedAt: Date };

export interface CollectionStore {
  /** `false` when the id is taken (the caller draws another). */
  create(collection: CollectionRecord): Promise<boolean>;
  /** `visibleTo`: read as that gallery client sees it; `null` if they may not see it at all. */
  findById(
    accountId: string,
    id: number,
    visibleTo?: GalleryClientScope,
  ): Promise<CollectionView | null>;
  /** Newest first; `visibleTo` leaves out, from the page and the total, what they may not see. */
  list(
    accountId: string,
    options: { visibleTo?: GalleryClientScope; offset: number; limit: number },
  ): Promise<{ items: CollectionView[]; total: number }>;
  update(accountId: string, id: number, changes: CollectionChanges): Promise<CollectionView | null>;
  /**
   * Deletes the collection and its galleries in one transaction, with its share links, their
   * visitors and visitor sessions.
   */
  delete(accountId: string, id: number): Promise<boolean>;
}
