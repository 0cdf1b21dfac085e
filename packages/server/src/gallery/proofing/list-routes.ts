import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Envelope,
  FavoriteList,
  FavoriteListCreate,
  FavoriteListUpdate,
  newId,
  Page,
  PageQuery,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { IdParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { notify } from '../../studio/notifications/notify.js';
import { visibleCollection } from '../collection-access.js';
import { isStudio } from '../photos/access.js';
import { requestViewer, viewerKey } from '../viewer.js';
import { mayEdit, readableList } from './list-access.js';
import { contradiction, listChanges, newListOwner } from './list-rules.js';
import { FavoriteListParams } from './params.js';
import { defaultList, type ProofingContext } from './stores.js';
import { displayName, toFavoriteList } from './view.js';

/** Lists one person may have in one collection: enough for any album. */
export const MAX_LISTS_PER_PERSON = 20;

/** Favorites lists: list, make, change, delete and submit them. */
export async function favoriteListRoutes(
  scope: FastifyInstance,
  ctx: ProofingContext,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const favorites = ctx.storage.favorites;
  const tags = ['Proofing'];
  const One = Envelope(FavoriteList);

  app.get(
    '/collections/:id/favorite_lists',
    {
      config: { visitors: true },
      schema: {
        operationId: 'listFavoriteLists',
        summary: 'List the favorites lists of a collection',
        description:
          "The studio sees everyone's lists, with their owners and counts; anyone else sees their own, their default list first (made on first use).",
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(FavoriteList, '/api/v1/collections/48213907/favorite_lists') },
          { found: true },
        ),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const window = requestedWindow(request);
      if (!isStudio(viewer)) await defaultList(ctx, viewer, collection.id);
      const { items, total } = await favorites.listsOf(viewer.accountId, collection.id, {
        ...(isStudio(viewer) ? {} : { ownerKey: viewerKey(viewer) }),
        offset: window.offset,
        limit: window.limit,
      });
      return {
        data: items.map((l) => toFavoriteList(l, viewer)),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );

  app.post(
    '/collections/:id/favorite_lists',
    {
      config: { visitors: true },
      schema: {
        operationId: 'createFavoriteList',
        summary: 'Make a named favorites list in a collection',
        description: `Anyone who can see the collection makes lists of their own, at most ${MAX_LISTS_PER_PERSON} each (409 beyond). The studio may make one for a gallery client the collection is shared with (\`owner_id\`): its name and limits are then the studio's to change.`,
        tags,
        params: IdParams,
        body: FavoriteListCreate,
        response: responses({ 201: One }, { body: true, found: true, also: [409] }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const body = request.body;
      const ownerKey = newListOwner(viewer, collection, body.owner_id);
      const now = ctx.clock.now();
      const result = await favorites.createList(
        {
          id: newId('favorite_list', (n) => ctx.random.bytes(n)),
          accountId: viewer.accountId,
          collectionId: collection.id,
          ownerKey,
          name: body.name,
          isDefault: false,
          setByStudio: isStudio(viewer),
          minSelection: body.min_selection ?? null,
          maxSelection: body.max_selection ?? null,
          submittedAt: null,
          createdAt: now,
          updatedAt: now,
        },
        { maxPerOwner: MAX_LISTS_PER_PERSON },
      );
      if ('refused' in result) {
        if (result.refused === 'min_above_max') throw contradiction();
        throw new AppError(
          'conflict',
          `A person may have at most ${MAX_LISTS_PER_PERSON} favorites lists in a collection: delete one first`,
        );
      }
      return reply.code(201).send({ data: toFavoriteList(result.created, viewer) });
    },
  );

  app.put(
    '/favorite_lists/:listId',
    {
      config: { visitors: true },
      schema: {
        operationId: 'updateFavoriteList',
        summary: 'Rename a favorites list, change its limits, or reopen it',
        description:
          'Its owner, unless the studio made it for them, or the studio. `submitted: false` reopens a submitted list: the studio only.',
        tags,
        params: FavoriteListParams,
        body: FavoriteListUpdate,
        response: responses({ 200: One }, { body: true, found: true }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const { list } = await readableList(ctx, viewer, request.params.listId);
      const body = request.body;
      if (body.submitted === false && !isStudio(viewer)) {
        throw new AppError('forbidden', 'Only the studio reopens a submitted list');
      }
      const edits = body.name !== undefined || 'min_selection' in body || 'max_selection' in body;
      if (edits && !mayEdit(viewer, list)) {
        throw new AppError('forbidden', 'The studio made this list: only the studio changes it');
      }
      const updated = await favorites.updateList(
        viewer.accountId,
        list.id,
        listChanges(body, ctx.clock.now()),
      );
      if (!updated) throw new AppError('not_found', `No favorites list found with ID: ${list.id}`);
      if ('refused' in updated) throw contradiction();
      return { data: toFavoriteList(updated, viewer) };
    },
  );

  app.delete(
    '/favorite_lists/:listId',
    {
      config: { visitors: true },
      schema: {
        operationId: 'deleteFavoriteList',
        summary: 'Delete a favorites list and the favorites in it',
        description: 'Its owner, unless the studio made it for them, or the studio.',
        tags,
        params: FavoriteListParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const { list } = await readableList(ctx, viewer, request.params.listId);
      if (!mayEdit(viewer, list)) {
        throw new AppError('forbidden', 'The studio made this list: only the studio deletes it');
      }
      if (!(await favorites.deleteList(viewer.accountId, list.id))) {
        throw new AppError('not_found', `No favorites list found with ID: ${list.id}`);
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/favorite_lists/:listId/submit',
    {
      config: { visitors: true },
      schema: {
        operationId: 'submitFavoriteList',
        summary: 'Say a favorites list is done',
        description:
          "Its owner only. 422 below the list's `min_selection`. The list then takes no changes until the studio reopens it, and the studio is notified. Submitting again changes nothing.",
        tags,
        params: FavoriteListParams,
        response: responses({ 200: One }, { found: true }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const { list, collection } = await readableList(ctx, viewer, request.params.listId);
      if (list.ownerKey !== viewerKey(viewer)) {
        throw new AppError('forbidden', 'Only its owner submits a favorites list');
      }
      const result = await favorites.submitList(viewer.accountId, list.id, ctx.clock.now());
      if (!result) throw new AppError('not_found', `No favorites list found with ID: ${list.id}`);
      if ('short' in result) {
        const { minSelection, photoCount } = result.short;
        throw new AppError(
          'validation_failed',
          `Choose at least ${minSelection} photos before submitting "${list.name}" (${photoCount} chosen)`,
          { min_selection: [`${photoCount} of at least ${minSelection} photos chosen`] },
        );
      }
      if (result.changed && !isStudio(viewer)) {
        const n = result.list.photoCount;
        await notify(ctx, viewer.accountId, {
          type: 'favorites_submitted',
          title: 'Favorites submitted',
          message: `${displayName(result.list.owner)} submitted "${list.name}" (${n} photo${n === 1 ? '' : 's'}) in "${collection.name}".`,
          subject: {
            collection_id: collection.id,
            favorite_list_id: list.id,
            user_id: list.ownerKey,
          },
        });
      }
      return { data: toFavoriteList(result.list, viewer) };
    },
  );
}
