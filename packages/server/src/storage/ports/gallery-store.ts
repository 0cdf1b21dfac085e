import type { GalleryClientScope } from './gallery-client-scope.js';

export interface GalleryRecord {
  id: number;
  collectionId: number;
  accountId: string;
  name: string;
  description: string | null;
  photoCount: number;
  videoCount: number;
  private: boolean;
  download: boolean;
  /** Favorites by everyone; in a gallery client's scope, 1 if they favorited it, else 0. */
  favoriteCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type GalleryChanges = Partial<
  Pick<GalleryRecord, 'name' | 'description' | 'photoCount' | 'videoCount' | 'private' | 'download'>
> & { updatedAt: Date };

export interface GalleryStore {
  /** `false` when the id is taken. */
  create(gallery: GalleryRecord): Promise<boolean>;
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
