import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Envelope,
  Gallery,
  GalleryCreate,
  GalleryUpdate,
  Page,
  PageQuery,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireNumericId } from '../../http/path-ids.js';
import { CollectionGalleryParams, GalleryParams, IdParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { OWNER, STAFF } from '../../http/role-sets.js';
import { createWithFreshId } from '../../storage/fresh-id.js';
import type {
  GalleryChanges,
  GalleryRecord,
  NewGallery,
} from '../../storage/ports/gallery-store.js';
import { notify } from '../../studio/notifications/notify.js';
import { visibleCollection } from '../collection-access.js';
import { VISITORS } from '../collections/routes.js';
import { toGallery } from '../collections/view.js';
import { isStudio } from '../photos/access.js';
import { releaseBlobs } from '../photos/release-blobs.js';
import { requestViewer, type Viewer, viewerKey, viewerOf } from '../viewer.js';

function notFound(id: number): AppError {
  return new AppError('not_found', `No gallery found with ID: ${id}`);
}

function galleryChanges(body: GalleryUpdate, now: Date): GalleryChanges {
  const changes: GalleryChanges = { updatedAt: now };
  if (body.name !== undefined) changes.name = body.name;
  if (body.description !== undefined) changes.description = body.description;
  if (body.private !== undefined) changes.private = body.private;
  if (body.download !== undefined) changes.download = body.download;
  return changes;
}

/** The stores gallery routes use. */
export type GalleryStores =
  | 'accounts'
  | 'collections'
  | 'galleries'
  | 'photos'
  | 'blobs'
  | 'watermarks'
  | 'users'
  | 'notifications';

const One = Envelope(Gallery);

/**
 * Galleries inside a collection, and favorites. Reading follows the collection's visibility;
 * staff create and edit; only the owner deletes; anyone who can see a gallery may favorite it.
 */
export async function galleryResourceRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<GalleryStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const galleries = ctx.storage.galleries;
  const tags = ['Galleries'];

  /** Galleries as the viewer sees them, each with the cover they may see. */
  async function shown(viewer: Viewer, records: readonly GalleryRecord[]): Promise<Gallery[]> {
    const covers = await ctx.storage.photos.coversOf(
      viewer.accountId,
      records.map((g) => g.id),
      { visibleOnly: !isStudio(viewer) },
    );
    return records.map((g) => toGallery(g, covers.get(g.id)));
  }

  async function shownOne(viewer: Viewer, record: GalleryRecord): Promise<Gallery> {
    const [gallery] = await shown(viewer, [record]);
    if (!gallery) throw notFound(record.id);
    return gallery;
  }

  app.get(
    '/collections/:id/galleries',
    {
      schema: {
        operationId: 'listGalleries',
        summary: 'List the galleries of a collection',
        description:
          "A gallery client sees only the galleries that are not private; a share-link visitor only those of their link's, and none for a single-photo link.",
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(Gallery, '/api/v1/collections/48213907/galleries') },
          { found: true },
        ),
      },
      config: VISITORS,
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const window = requestedWindow(request);
      // A collection holds a handful of galleries (a wedding's ceremony, portraits, party):
      // read them all and page here, so the visibility rule stays in one query.
      const all = await galleries.listForCollection(
        viewer.accountId,
        collection.id,
        viewer.visibleTo,
      );
      const items = all.slice(window.offset, window.offset + window.limit);
      return {
        data: await shown(viewer, items),
        meta: listMeta(request, window, all.length, items.length),
      };
    },
  );

  app.post(
    '/collections/:id/galleries',
    {
      schema: {
        operationId: 'createGallery',
        summary: 'Add a gallery to a collection',
        description: "Staff only. `download` defaults to the collection's `downloadable`.",
        tags,
        params: IdParams,
        body: GalleryCreate,
        response: responses({ 201: One }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const body = request.body;
      const now = ctx.clock.now();
      const record = (id: number): NewGallery => ({
        id,
        collectionId: collection.id,
        accountId: viewer.accountId,
        name: body.name,
        description: body.description ?? null,
        private: body.private ?? false,
        download: body.download ?? collection.downloadable,
        favoriteCount: 0,
        createdAt: now,
        updatedAt: now,
      });
      const id = await createWithFreshId('gallery', ctx.random, (candidate) =>
        galleries.create(record(candidate)),
      );
      // A new gallery has no photos yet: nothing to count, no cover.
      const created: GalleryRecord = { ...record(id), photoCount: 0, videoCount: 0 };
      return reply.code(201).send({ data: toGallery(created, undefined) });
    },
  );

  app.put(
    '/collections/:id/galleries/:galleryId',
    {
      schema: {
        operationId: 'updateGallery',
        summary: 'Change the fields of a gallery that the body names',
        description: 'Staff only.',
        tags,
        params: CollectionGalleryParams,
        body: GalleryUpdate,
        response: responses({ 200: One }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const id = requireNumericId('gallery', request.params.galleryId);
      const changes = galleryChanges(request.body, ctx.clock.now());
      const updated = await galleries.update(viewer.accountId, collection.id, id, changes);
      if (!updated) throw notFound(id);
      return { data: await shownOne(viewer, updated) };
    },
  );

  app.delete(
    '/collections/:id/galleries/:galleryId',
    {
      schema: {
        operationId: 'deleteGallery',
        summary: 'Delete a gallery and its photos',
        description:
          'The owner only. Its photos go with it, and their files unless another photo holds the same bytes.',
        tags,
        params: CollectionGalleryParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const { accountId } = signedIn(request).login;
      const collectionId = requireNumericId('collection', request.params.id);
      const id = requireNumericId('gallery', request.params.galleryId);
      if (!(await galleries.delete(accountId, collectionId, id))) throw notFound(id);
      const photos = await ctx.storage.photos.deleteAll(accountId, { galleryId: id });
      await releaseBlobs(ctx, photos, request.log);
      return reply.code(204).send();
    },
  );

  app.post(
    '/galleries/:galleryId/favorite',
    {
      schema: {
        operationId: 'favoriteGallery',
        summary: 'Favorite a gallery',
        description:
          'Anyone who can see the gallery, share-link visitors included (with their CSRF token). Favoriting it again changes nothing; the first time notifies the studio.',
        tags,
        params: GalleryParams,
        response: responses({ 200: One }, { found: true }),
      },
      config: VISITORS,
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('gallery', request.params.galleryId);
      const gallery = await galleries.findInAccount(viewer.accountId, id, viewer.visibleTo);
      if (!gallery) throw notFound(id);
      // The same 404 as for an unknown gallery when its collection is not shared with them, or
      // has expired: a client cannot favorite what they can no longer see.
      const collection = await ctx.storage.collections.findById(
        viewer.accountId,
        gallery.collectionId,
        viewer.visibleTo,
      );
      if (!collection) throw notFound(id);

      const now = ctx.clock.now();
      if (await galleries.addFavorite(viewer.accountId, id, viewerKey(viewer), now)) {
        const { visitor } = viewer;
        const user = visitor
          ? null
          : await ctx.storage.users.findMember(viewer.accountId, viewer.userId);
        const who = visitor
          ? `A visitor (${visitor.email})`
          : user
            ? `${user.firstName} ${user.lastName}`.trim()
            : 'A client';
        const by = visitor ? { visitor_id: visitor.visitorId } : { user_id: viewer.userId };
        await notify(ctx, viewer.accountId, {
          type: 'gallery_favorited',
          title: 'Gallery favorited',
          message: `${who} favorited "${gallery.name}" in "${collection.name}".`,
          subject: { gallery_id: id, collection_id: collection.id, ...by },
        });
      }
      const current =
        (await galleries.findInAccount(viewer.accountId, id, viewer.visibleTo)) ?? gallery;
      return { data: await shownOne(viewer, current) };
    },
  );
}
