import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import { requireId } from '../../http/path-ids.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { FavoriteListView } from '../../storage/ports/favorite-store.js';
import { isStudio } from '../photos/access.js';
import { type Viewer, viewerKey } from '../viewer.js';

/** A favorites list a viewer may see, with its collection as they see it. */
export interface ReadableList {
  list: FavoriteListView;
  collection: CollectionView;
}

export function listNotFound(id: string): AppError {
  return new AppError('not_found', `No favorites list found with ID: ${id}`);
}

/**
 * The list, if this viewer may see it: the studio sees every list of its account, anyone else
 * only their own, in a collection they can still see (not expired, still shared). Anything else
 * is the same 404 as an unknown ID: whose lists exist is not a client's to learn.
 */
export async function readableList(
  ctx: Pick<ResourceContext<'favorites' | 'collections'>, 'storage'>,
  viewer: Viewer,
  rawId: string,
): Promise<ReadableList> {
  const id = requireId('favorite_list', rawId);
  const list = await ctx.storage.favorites.findList(viewer.accountId, id);
  if (!list || (!isStudio(viewer) && list.ownerKey !== viewerKey(viewer))) {
    throw listNotFound(id);
  }
  const collection = await ctx.storage.collections.findById(
    viewer.accountId,
    list.collectionId,
    viewer.visibleTo,
  );
  if (!collection) throw listNotFound(id);
  return { list, collection };
}

/**
 * Whether the viewer may rename, re-limit or delete the list: the studio always; its owner
 * unless the studio made it for them (an assignment such as "Album picks, choose 40–60" is the
 * studio's to change; the client fills it and submits it).
 */
export function mayEdit(viewer: Viewer, list: FavoriteListView): boolean {
  return isStudio(viewer) || (list.ownerKey === viewerKey(viewer) && !list.setByStudio);
}
