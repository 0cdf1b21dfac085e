import type { OwnerDetails } from './favorite-store.js';

/** A comment on a photo, plain text as written. */
export interface CommentRecord {
  id: string;
  accountId: string;
  collectionId: number;
  photoId: number;
  /** A user id, or a share-link visitor's key: as favorites lists have owners. */
  authorKey: string;
  /** Written by the studio's owner or an assistant, which every client of the photo may read. */
  fromStudio: boolean;
  text: string;
  createdAt: Date;
}

/** A comment with its author's name. */
export interface CommentView extends CommentRecord {
  author: OwnerDetails;
}

/** Comments on photos. */
export interface CommentStore {
  create(comment: CommentRecord): Promise<CommentView>;
  find(accountId: string, id: string): Promise<CommentView | null>;
  /**
   * A photo's comments, oldest first. `readerKey`: as a client reads them, the studio's and
   * their own only; without it, everyone's.
   */
  listForPhoto(
    accountId: string,
    photoId: number,
    options: { readerKey?: string; offset: number; limit: number },
  ): Promise<{ items: CommentView[]; total: number }>;
  /** `false`: no such comment. */
  delete(accountId: string, id: string): Promise<boolean>;
}
