/**
 * What a gallery client may see, for reads made on their behalf; the studio (owner, assistant)
 * reads without one and sees everything. With it a store answers as that client sees things:
 * only collections shared with them and not past their expiry date; in those, no private
 * gallery, counted or listed; and of favorites, only their own.
 */
export interface GalleryClientScope {
  userId: string;
  /**
   * Today's date (`YYYY-MM-DD`) where the studio is. A collection whose `expiryDate` is before
   * it has expired: it is visible through its expiry date and hidden from the midnight after.
   */
  today: string;
}
