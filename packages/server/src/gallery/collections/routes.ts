import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Collection,
  CollectionCreate,
  CollectionUpdate,
  Envelope,
  PATHS,
  Page,
  PageQuery,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireNumericId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { OWNER, STAFF } from '../../http/role-sets.js';
import { createWithFreshId } from '../../storage/fresh-id.js';
import type { CollectionChanges, CollectionView } from '../../storage/ports/collection-store.js';
import { releaseBlobs } from '../photos/release-blobs.js';
import { type Viewer, viewerOf } from '../viewer.js';
import { notifyNewShares, resolveSharedWith } from './sharing.js';
import { toCollection } from './view.js';

const One = Envelope(Collection);

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

/** The changes a `PUT` body asks for: only the fields it names. */
function collectionChanges(
  body: CollectionUpdate,
  sharedWith: string[] | undefined,
  now: Date,
): CollectionChanges {
  const changes: CollectionChanges = { updatedAt: now };
  if (body.name !== undefined) changes.name = body.name;
  if (body.description !== undefined) changes.description = body.description;
  if (body.password_protected !== undefined) changes.passwordProtected = body.password_protected;
  if (body.downloadable !== undefined) changes.downloadable = body.downloadable;
  if (body.expiry_date !== undefined) changes.expiryDate = body.expiry_date;
  if (sharedWith !== undefined) changes.sharedWith = sharedWith;
  return changes;
}

/**
 * Collections: list, create, read, update, delete. Everyone signed in reads (gallery clients
 * only what is shared with them); staff create and edit; only the owner deletes.
 */
/** The stores collection routes use. */
export type CollectionStores =
  | 'accounts'
  | 'collections'
  | 'photos'
  | 'blobs'
  | 'watermarks'
  | 'users'
  | 'notifications';

export async function collectionRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<CollectionStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const collections = ctx.storage.collections;
  const tags = ['Collections'];

  const listSchema = {
    operationId: 'listCollections',
    summary: 'List collections, a page at a time',
    description: 'A gallery client sees only the collections shared with them, and not expired.',
    tags,
    querystring: PageQuery,
    response: responses({ 200: Page(Collection, PATHS.collections) }),
  };
  app.get('/collections', { schema: listSchema }, async (request) => {
    const viewer = await viewerOf(ctx, signedIn(request));
    const window = requestedWindow(request);
    const { items, total } = await collections.list(viewer.accountId, {
      ...(viewer.visibleTo !== undefined ? { visibleTo: viewer.visibleTo } : {}),
      offset: window.offset,
      limit: window.limit,
    });
    return {
      data: items.map((c) => toCollection(c, viewer)),
      meta: listMeta(request, window, total, items.length),
    };
  });

  app.post(
    '/collections',
    {
      schema: {
        operationId: 'createCollection',
        summary: 'Create a collection',
        description:
          'Staff only. `shared_with` names gallery-client accounts by email; each gets a `collection_shared` notification.',
        tags,
        body: CollectionCreate,
        response: responses({ 201: One }, { body: true }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const body = request.body;
      const sharedWith = await resolveSharedWith(ctx, viewer.accountId, body.shared_with ?? []);
      const now = ctx.clock.now();
      const id = await createWithFreshId('collection', ctx.random, (candidate) =>
        collections.create({
          id: candidate,
          accountId: viewer.accountId,
          name: body.name,
          description: body.description ?? null,
          passwordProtected: body.password_protected ?? false,
          downloadable: body.downloadable ?? true,
          expiryDate: body.expiry_date ?? null,
          sharedWith,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const created = await collections.findById(viewer.accountId, id);
      if (!created) throw new Error(`Collection ${id} vanished right after it was created`);
      await notifyNewShares(ctx, created, []);
      return reply.code(201).send({ data: toCollection(created, viewer) });
    },
  );

  const itemSchema = {
    operationId: 'getCollection',
    summary: 'Read a collection',
    description: 'A gallery client gets 404 for one not shared with them, or expired.',
    tags,
    params: IdParams,
    response: responses({ 200: One }, { found: true }),
  };
  app.get('/collections/:id', { schema: itemSchema }, async (request) => {
    const viewer = await viewerOf(ctx, signedIn(request));
    const collection = await visibleCollection(ctx, viewer, request.params.id);
    return { data: toCollection(collection, viewer) };
  });

  app.put(
    '/collections/:id',
    {
      schema: {
        operationId: 'updateCollection',
        summary: 'Change the fields of a collection that the body names',
        description: 'Staff only. People newly in `shared_with` get a notification.',
        tags,
        params: IdParams,
        body: CollectionUpdate,
        response: responses({ 200: One }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const current = await visibleCollection(ctx, viewer, request.params.id);
      const body = request.body;
      const sharedWith =
        body.shared_with === undefined
          ? undefined
          : await resolveSharedWith(ctx, viewer.accountId, body.shared_with);
      const changes = collectionChanges(body, sharedWith, ctx.clock.now());
      const updated = await collections.update(viewer.accountId, current.id, changes);
      // Deleted between the read and the write.
      if (!updated) throw new AppError('not_found', `No collection found with ID: ${current.id}`);
      await notifyNewShares(ctx, updated, current.sharedWith);
      return { data: toCollection(updated, viewer) };
    },
  );

  app.delete(
    '/collections/:id',
    {
      schema: {
        operationId: 'deleteCollection',
        summary: 'Delete a collection, its galleries and their photos',
        description:
          'The owner only. The photos go with it, and their files unless another photo holds the same bytes.',
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const { accountId } = signedIn(request).login;
      const id = requireNumericId('collection', request.params.id);
      if (!(await collections.delete(accountId, id))) {
        throw new AppError('not_found', `No collection found with ID: ${id}`);
      }
      const photos = await ctx.storage.photos.deleteAll(accountId, { collectionId: id });
      await releaseBlobs(ctx, photos, request.log);
      return reply.code(204).send();
    },
  );
}
