import type { GalleryClientScope } from './gallery-client-scope.js';

/** A gallery's own fields: what it is made with. */
export interface NewGallery {
  id: number;
  collectionId: number;
  accountId: string;
  name: string;
  description: string | null;
  private: boolean;
  download: boolean;
  /** Favorites by everyone; in a gallery client's scope, 1 if they favorited it, else 0. */
  favoriteCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A gallery as read, with what its photos add. */
export interface GalleryRecord extends NewGallery {
  /**
   * Its photos and videos, counted in SQL as the reader sees them: for the studio every one
   * that has not failed; in a gallery client's scope the ready ones that are not hidden.
   */
  photoCount: number;
  videoCount: number;
}

export type GalleryChanges = Partial<
  Pick<NewGallery, 'name' | 'description' | 'private' | 'download'>
> & { updatedAt: Date };

export interface GalleryStore {
  /** `false` when the id is taken. */
  create(gallery: NewGallery): Promise<boolean>;
  findById(accountId: string, collectionId: number, id: number): Promise<GalleryRecord | null>;
  /**
   * A gallery by its id alone, for routes that do not name its collection. With `visibleTo`,
   * here and in `listForCollection`, as that gallery client sees it: no private gallery, and
   * only their own favorite counted. Its collection is not checked: read that with the same
   * scope from `CollectionStore`.
   */
  findInAccount(
    accountId: string,
    id: number,
    visibleTo?: GalleryClientScope,
  ): Promise<GalleryRecord | null>;
  listForCollection(
    accountId: string,
    collectionId: number,
    visibleTo?: GalleryClientScope,
  ): Promise<GalleryRecord[]>;
  update(
    accountId: string,
    collectionId: number,
    id: number,
    changes: GalleryChanges,
  ): Promise<GalleryRecord | null>;
  delete(accountId: string, collectionId: number, id: number): Promise<boolean>;
  /** Records a favorite by a user; `false` if they had already favorited it. */
  addFavorite(accountId: string, galleryId: number, userId: string, at: Date): Promise<boolean>;
}
