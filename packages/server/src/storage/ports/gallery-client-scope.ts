/**
 * What a gallery client or share-link visitor may see, for reads made on their behalf; the
 * studio (owner, assistant) reads without one and sees everything. With it a store answers as
 * that person sees things: only collections shared with them (a visitor: the one collection of
 * their link) and not past their expiry date; in those, no private gallery, counted or listed;
 * and of favorites, only their own.
 */
export interface GalleryClientScope {
  /** The gallery client's user id, or the visitor's id: whose favorites are "their own". */
  userId: string;
  /**
   * Today's date (`YYYY-MM-DD`) where the studio is. A collection whose `expiryDate` is before
   * it has expired: it is visible through its expiry date and hidden from the midnight after.
   */
  today: string;
  /**
   * Set for a share-link visitor: this collection alone, in place of the collections shared
   * with `userId` (a visitor has no shares).
   */
  collectionId?: number;
  /**
   * Set for a link that opens only some galleries: these alone (still never a private one).
   * Empty for a single-photo link, which opens no gallery as a whole.
   */
  galleryIds?: readonly number[];
}
