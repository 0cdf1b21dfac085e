import type { BeforeShow } from '@proofsheet/protocol';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { Viewer } from '../viewer.js';

/** Who is asking, and whether a visitor has entered the collection's current password. */
export interface Asker {
  viewer: Viewer;
  /** Only for a visitor: they owe the collection's password. */
  locked: boolean;
  /** Today where the studio is. */
  today: string;
}

/**
 * What stands between a viewer and a collection they may reach: for the studio nothing (they
 * see expired collections too, to extend them); for a gallery client its expiry; for a visitor
 * its expiry, then its password. Pure: the route decides first that the viewer may reach it.
 */
export function beforeShow(collection: CollectionView, asker: Asker): BeforeShow {
  const { viewer } = asker;
  const kind = viewer.visitor ? 'visitor' : viewer.visibleTo ? 'client' : 'studio';
  const expired = collection.expiryDate !== null && collection.expiryDate < asker.today;
  const passwordRequired = kind === 'visitor' && asker.locked;
  const status =
    kind === 'studio' ? 'ok' : expired ? 'expired' : passwordRequired ? 'password_required' : 'ok';
  return {
    collection_id: collection.id,
    status,
    viewer: kind,
    password_protected: collection.passwordProtected,
    password_required: passwordRequired,
    expiry_date: collection.expiryDate,
    expired,
  };
}

/**
 * Whether the viewer may reach the collection at all, expired or locked as it may be: the
 * studio any of its account, a gallery client one shared with them, a visitor their link's.
 */
export function mayReach(collection: CollectionView, viewer: Viewer): boolean {
  if (viewer.visitor) return viewer.visitor.collectionId === collection.id;
  if (viewer.visibleTo) return collection.sharedWith.includes(viewer.userId);
  return true;
}
