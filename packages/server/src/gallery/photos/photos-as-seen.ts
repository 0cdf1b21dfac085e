import type { Photo } from '@proofsheet/protocol';
import type { ResourceContext } from '../../app-context.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import { type Viewer, viewerKey } from '../viewer.js';
import { collectionMark } from '../watermarks/marks.js';
import { isStudio } from './access.js';
import { toPhoto } from './view.js';

/**
 * Photos as one viewer sees them, in two queries for any number of them: `cover` is whether
 * each is its gallery's cover as this viewer sees it (a hidden chosen cover is not a client's),
 * and a client's `favorite_count` is their own favorite, 0 or 1, never what others did.
 * Whether the viewer may see the photos at all is the caller's to have checked.
 */
export async function photosAsSeen(
  ctx: Pick<ResourceContext<'photos' | 'accounts' | 'watermarks' | 'blobs'>, 'storage'>,
  viewer: Viewer,
  records: readonly PhotoRecord[],
): Promise<Photo[]> {
  if (records.length === 0) return [];
  const studio = isStudio(viewer);
  const galleryIds = [...new Set(records.map((p) => p.galleryId))];
  const covers = await ctx.storage.photos.coversOf(viewer.accountId, galleryIds, {
    visibleOnly: !studio,
  });
  const own = studio
    ? null
    : await ctx.storage.photos.favoritedBy(
        viewerKey(viewer),
        records.map((p) => p.id),
      );
  const marks = studio ? new Map<number, string | null>() : await markKeysOf(ctx, viewer, records);
  return records.map((p) =>
    toPhoto(own ? { ...p, favoriteCount: own.has(p.id) ? 1 : 0 } : p, {
      cover: covers.get(p.galleryId)?.id === p.id,
      // Downloads of originals by clients follow the collection's settings: not offered here.
      original: studio,
      markKey: marks.get(p.collectionId) ?? null,
    }),
  );
}

/** The watermark of each collection the photos are in, as clients and visitors see them. */
async function markKeysOf(
  ctx: Pick<ResourceContext<'accounts' | 'watermarks' | 'blobs'>, 'storage'>,
  viewer: Viewer,
  records: readonly PhotoRecord[],
): Promise<Map<number, string | null>> {
  const keys = new Map<number, string | null>();
  const account = await ctx.storage.accounts.findById(viewer.accountId);
  if (!account) return keys;
  for (const collectionId of new Set(records.map((p) => p.collectionId))) {
    const mark = await collectionMark(ctx.storage, account, collectionId);
    keys.set(collectionId, mark?.key ?? null);
  }
  return keys;
}
