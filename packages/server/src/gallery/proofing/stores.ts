import { newId } from '@proofsheet/protocol';
import type { ResourceContext } from '../../app-context.js';
import type { FavoriteListView } from '../../storage/ports/favorite-store.js';
import { type Viewer, viewerKey } from '../viewer.js';

/** The stores the proofing routes use. */
export type ProofingStores =
  | 'accounts'
  | 'collections'
  | 'galleries'
  | 'photos'
  | 'favorites'
  | 'comments'
  | 'notifications';

/** What the proofing routes are built with. */
export type ProofingContext = ResourceContext<ProofingStores>;

/** The name of the list everyone gets in each collection. */
export const DEFAULT_LIST_NAME = 'Favorites';

/** The viewer's default list in the collection, made now if this is its first use. */
export function defaultList(
  ctx: Pick<ProofingContext, 'storage' | 'clock' | 'random'>,
  viewer: Viewer,
  collectionId: number,
): Promise<FavoriteListView> {
  const now = ctx.clock.now();
  return ctx.storage.favorites.ensureDefault({
    id: newId('favorite_list', (n) => ctx.random.bytes(n)),
    accountId: viewer.accountId,
    collectionId,
    ownerKey: viewerKey(viewer),
    name: DEFAULT_LIST_NAME,
    isDefault: true,
    setByStudio: false,
    minSelection: null,
    maxSelection: null,
    submittedAt: null,
    createdAt: now,
    updatedAt: now,
  });
}
