import type { FastifyBaseLogger } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';

/**
 * Deletes each blob of deleted photos (originals and sizes) that nothing refers to any more.
 * Content addressing stores the same bytes once, so a blob another photo shares is kept, and
 * so is one the watermark uses (a logo uploaded as a photo too). The rows are already gone: a
 * blob that cannot be deleted now is an orphan, which is logged and left to the
 * reconciliation pass rather than failing a delete that happened.
 */
export async function releaseBlobs(
  ctx: Pick<ResourceContext<'photos' | 'blobs' | 'watermarks'>, 'storage'>,
  deleted: readonly PhotoRecord[],
  log: FastifyBaseLogger,
): Promise<void> {
  const keys = new Set(deleted.flatMap((p) => [p.sha256, ...p.derivatives.map((d) => d.sha256)]));
  if (keys.size === 0) return;
  const watermarked = await ctx.storage.watermarks.referencedBlobs();
  for (const sha256 of keys) {
    if (watermarked.has(sha256)) continue;
    try {
      if (!(await ctx.storage.photos.isBlobReferenced(sha256))) {
        await ctx.storage.blobs.delete(sha256);
      }
    } catch (error) {
      log.warn({ err: error, sha256 }, 'a blob of a deleted photo was not released');
    }
  }
}
