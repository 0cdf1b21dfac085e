import type { ResourceContext } from '../../app-context.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import { isStudio } from '../photos/access.js';
import { type Viewer, viewerKey } from '../viewer.js';

/**
 * The `favorite_count` each photo shows this viewer: the studio sees how many people favorited
 * it; anyone else 1 if they did and 0 if not, since what other people chose is not theirs to
 * know. One query for a page of photos.
 *
 * @example
 * const counts = await favoriteCountsFor(ctx, viewer, page.items);
 * page.items.map((p) => ({ ...toPhoto(p, options), favorite_count: counts.get(p.id) ?? 0 }));
 */
export async function favoriteCountsFor(
  ctx: Pick<ResourceContext<'favorites'>, 'storage'>,
  viewer: Viewer,
  photos: readonly PhotoRecord[],
): Promise<Map<number, number>> {
  if (isStudio(viewer)) return new Map(photos.map((p) => [p.id, p.favoriteCount]));
  const mine = await ctx.storage.favorites.favoritedAmong(
    viewerKey(viewer),
    photos.map((p) => p.id),
  );
  return new Map(photos.map((p) => [p.id, mine.has(p.id) ? 1 : 0]));
}
