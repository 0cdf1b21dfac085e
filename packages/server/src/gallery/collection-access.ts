import type { ResourceContext } from '../app-context.js';
import { AppError } from '../http/app-error.js';
import { requireNumericId } from '../http/path-ids.js';
import type { CollectionView } from '../storage/ports/collection-store.js';
import type { Viewer } from './viewer.js';

/**
 * The collection a viewer may see, or 404. A gallery client gets 404, not 403, for a
 * collection not shared with them, so that they cannot learn which IDs exist; and for one
 * that expired, as if it were gone, since for them it is.
 */
export async function visibleCollection(
  ctx: Pick<ResourceContext<'collections'>, 'storage'>,
  viewer: Viewer,
  rawId: string,
): Promise<CollectionView> {
  const id = requireNumericId('collection', rawId);
  const found = await ctx.storage.collections.findById(viewer.accountId, id, viewer.visibleTo);
  if (!found) throw new AppError('not_found', `No collection found with ID: ${id}`);
  return found;
}
