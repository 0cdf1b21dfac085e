/** Someone with access to a collection, as the studio lists them. */
export interface CollectionPersonRecord {
  /** A user id or a visitor id. */
  id: string;
  kind: 'client' | 'visitor';
  email: string;
  /** First and last name of a gallery client; null for a visitor. */
  name: string | null;
  lastAccessedAt: Date | null;
  /** Photos they favorited in the collection, over all their lists. */
  favoritesCount: number;
}

/** Who has access to a collection, and when they last used it. */
export interface CollectionAccessStore {
  /** Records that a gallery client (or anyone, by owner key) opened the collection at `at`. */
  recordAccess(accountId: string, collectionId: number, ownerKey: string, at: Date): Promise<void>;
  /**
   * The gallery clients it is shared with, then the visitors holding a session that has not
   * expired by `now` (a revoked link's visitors hold none), each with their favorites count.
   */
  peopleWithAccess(
    accountId: string,
    collectionId: number,
    now: Date,
  ): Promise<CollectionPersonRecord[]>;
}
