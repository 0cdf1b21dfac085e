import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CollectionFavoritesQuery,
  FavoritedPhoto,
  MAX_PER_PAGE,
  Page,
  PageQuery,
  StarredPhoto,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { visibleCollection } from '../collection-access.js';
import { isStudio } from '../photos/access.js';
import { requestViewer, type Viewer, viewerKey } from '../viewer.js';
import { listNotFound, readableList } from './list-access.js';
import type { ProofingContext } from './stores.js';
import { toFavoritedPhoto, toStarredPhoto } from './view.js';

/**
 * The collections a client may see, read through the collection store so that the rule of who
 * sees what (shared with them, not expired) has one home.
 */
async function visibleCollectionIds(ctx: ProofingContext, viewer: Viewer): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += MAX_PER_PAGE) {
    const { items, total } = await ctx.storage.collections.list(viewer.accountId, {
      ...(viewer.visibleTo ? { visibleTo: viewer.visibleTo } : {}),
      offset,
      limit: MAX_PER_PAGE,
    });
    ids.push(...items.map((c) => c.id));
    if (items.length === 0 || offset + items.length >= total) return ids;
  }
}

/** What the studio reads of the selections, and what each person reads of their own. */
export async function selectionRoutes(scope: FastifyInstance, ctx: ProofingContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Proofing'];

  app.get(
    '/collections/:id/favorites',
    {
      config: { visitors: true },
      schema: {
        operationId: 'listCollectionFavorites',
        summary: 'The favorited photos of a collection, with who favorited them and when',
        description:
          "Photos in the collection's order, each with its favorites (person, list, time) and the number of people who favorited it. The studio sees everyone's; anyone else only their own, of the photos they can see. `list_id`: one list's photos.",
        tags,
        params: IdParams,
        querystring: CollectionFavoritesQuery,
        response: responses(
          { 200: Page(FavoritedPhoto, '/api/v1/collections/48213907/favorites') },
          { found: true },
        ),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const window = requestedWindow(request);
      let listId: string | undefined;
      if (request.query.list_id !== undefined) {
        const { list } = await readableList(ctx, viewer, request.query.list_id);
        if (list.collectionId !== collection.id) throw listNotFound(list.id);
        listId = list.id;
      }
      const studio = isStudio(viewer);
      const { items, total } = await ctx.storage.favorites.favoritedPhotos(viewer.accountId, {
        collectionIds: [collection.id],
        ...(studio ? {} : { ownerKey: viewerKey(viewer) }),
        ...(listId ? { listId } : {}),
        visibleOnly: !studio,
        order: 'gallery',
        entries: true,
        offset: window.offset,
        limit: window.limit,
      });
      return {
        data: items.map((item) => toFavoritedPhoto(item, viewer)),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );

  app.get(
    '/photos/starred',
    {
      config: { visitors: true },
      schema: {
        operationId: 'listStarredPhotos',
        summary: 'Favorited photos across every collection',
        description:
          'For the studio, the most-favorited photos of all its collections, most people first. For anyone else, the photos they favorited in the collections they can see, latest first.',
        tags,
        querystring: PageQuery,
        response: responses({ 200: Page(StarredPhoto, '/api/v1/photos/starred') }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const window = requestedWindow(request);
      const studio = isStudio(viewer);
      const { items, total } = await ctx.storage.favorites.favoritedPhotos(viewer.accountId, {
        ...(studio
          ? {}
          : {
              collectionIds: await visibleCollectionIds(ctx, viewer),
              ownerKey: viewerKey(viewer),
            }),
        visibleOnly: !studio,
        order: studio ? 'popular' : 'recent',
        entries: false,
        offset: window.offset,
        limit: window.limit,
      });
      return {
        data: items.map(toStarredPhoto),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );
}
