import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Envelope, FavoriteStatus, FavoriteTargetQuery } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../http/app-error.js';
import { requireId, requireNumericId } from '../../http/path-ids.js';
import { responses } from '../../http/responses.js';
import type { FavoriteListView, FavoriteRefusal } from '../../storage/ports/favorite-store.js';
import { isStudio, type ReadablePhoto, readablePhoto } from '../photos/access.js';
import { requestViewer, type Viewer, viewerKey } from '../viewer.js';
import { listNotFound } from './list-access.js';
import { PhotoIdParams } from './params.js';
import { defaultList, type ProofingContext } from './stores.js';
import { toFavoriteList } from './view.js';

/** The 409 of a change a list refuses, saying what to do about it. */
function refusal(list: FavoriteListView, reason: FavoriteRefusal): AppError {
  if (reason === 'full') {
    return new AppError(
      'conflict',
      `"${list.name}" holds at most ${list.maxSelection} photos: remove one to add another`,
    );
  }
  return new AppError(
    'conflict',
    `"${list.name}" was submitted, so it no longer changes: the studio can reopen it`,
  );
}

/**
 * The list a favorite goes to: the one `list_id` names, which must be the viewer's own and of
 * the photo's collection, or else the viewer's default list there.
 */
async function targetList(
  ctx: ProofingContext,
  viewer: Viewer,
  found: ReadablePhoto,
  rawListId: string | undefined,
): Promise<FavoriteListView> {
  if (rawListId === undefined) return defaultList(ctx, viewer, found.photo.collectionId);
  const id = requireId('favorite_list', rawListId);
  const list = await ctx.storage.favorites.findList(viewer.accountId, id);
  const own = list !== null && list.ownerKey === viewerKey(viewer);
  if (!list || (!own && !isStudio(viewer))) throw listNotFound(id);
  // The studio sees everyone's lists, but a person's favorites are theirs to make.
  if (!own) throw new AppError('forbidden', 'Only its owner adds to or removes from a list');
  if (list.collectionId !== found.photo.collectionId) {
    throw new AppError('validation_failed', 'The list is of another collection than the photo', {
      list_id: [
        `is a list of collection ${list.collectionId}; the photo is in collection ${found.photo.collectionId}`,
      ],
    });
  }
  return list;
}

/**
 * Favoriting a photo and taking it back. Anyone who can see the photo favorites it, into their
 * own lists; `photos.favorite_count` moves in the same transaction.
 */
export async function favoriteRoutes(scope: FastifyInstance, ctx: ProofingContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Proofing'];
  const One = Envelope(FavoriteStatus);

  app.post(
    '/photos/:photoId/favorite',
    {
      config: { visitors: true },
      schema: {
        operationId: 'favoritePhoto',
        summary: 'Add a photo to one of your favorites lists',
        description:
          'Anyone who can see the photo. `list_id` names one of your lists in its collection; without it, your default list there (made on first use). Adding it again changes nothing. 409 when the list is at its `max_selection` or was submitted.',
        tags,
        params: PhotoIdParams,
        querystring: FavoriteTargetQuery,
        response: responses({ 200: One }, { found: true, also: [409] }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const photoId = requireNumericId('photo', request.params.photoId);
      if (request.query.list_id !== undefined) requireId('favorite_list', request.query.list_id);
      const found = await readablePhoto(ctx, viewer, photoId);
      const list = await targetList(ctx, viewer, found, request.query.list_id);
      const result = await ctx.storage.favorites.addFavorite(
        viewer.accountId,
        list.id,
        photoId,
        ctx.clock.now(),
      );
      if (!result) throw listNotFound(list.id);
      if ('refused' in result) throw refusal(list, result.refused);
      return {
        data: { photo_id: photoId, favorited: true, list: toFavoriteList(result.list, viewer) },
      };
    },
  );

  app.delete(
    '/photos/:photoId/favorite',
    {
      config: { visitors: true },
      schema: {
        operationId: 'unfavoritePhoto',
        summary: 'Take a photo out of one of your favorites lists',
        description:
          'As favoriting: `list_id`, else your default list. Taking out a photo that is not in the list changes nothing. 409 when the list was submitted.',
        tags,
        params: PhotoIdParams,
        querystring: FavoriteTargetQuery,
        response: responses({ 200: One }, { found: true, also: [409] }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const photoId = requireNumericId('photo', request.params.photoId);
      if (request.query.list_id !== undefined) requireId('favorite_list', request.query.list_id);
      const found = await readablePhoto(ctx, viewer, photoId);
      const list = await targetList(ctx, viewer, found, request.query.list_id);
      const result = await ctx.storage.favorites.removeFavorite(
        viewer.accountId,
        list.id,
        photoId,
        ctx.clock.now(),
      );
      if (!result) throw listNotFound(list.id);
      if ('refused' in result) throw refusal(list, result.refused);
      return {
        data: { photo_id: photoId, favorited: false, list: toFavoriteList(result.list, viewer) },
      };
    },
  );
}
