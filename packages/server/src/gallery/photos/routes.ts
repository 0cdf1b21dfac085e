import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Envelope, Page, Photo, PhotoListQuery, PhotoUpdate } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireNumericId } from '../../http/path-ids.js';
import { GalleryParams, PhotoParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import type {
  PhotoChanges,
  PhotoListOptions,
  PhotoRecord,
} from '../../storage/ports/photo-store.js';
import { requestViewer, type Viewer, viewerKey } from '../viewer.js';
import { isStudio, readableGallery, visiblePhoto } from './access.js';
import { photosAsSeen } from './photos-as-seen.js';
import { releaseBlobs } from './release-blobs.js';

/** The stores photo routes use: reading what a viewer may see, and releasing deleted blobs. */
export type PhotoStores =
  | 'accounts'
  | 'collections'
  | 'galleries'
  | 'photos'
  | 'blobs'
  | 'watermarks';

const One = Envelope(Photo);

/** The photo's fields the body changes; `null` when it names only `cover`. */
function photoChanges(body: PhotoUpdate, now: Date): PhotoChanges | null {
  const changes: PhotoChanges = { updatedAt: now };
  if (body.filename !== undefined) changes.filename = body.filename;
  if (body.position !== undefined) changes.position = body.position;
  if (body.hidden !== undefined) changes.hidden = body.hidden;
  return Object.keys(changes).length > 1 ? changes : null;
}

/**
 * A gallery's photos and videos: listed, read, and edited and deleted by the studio. Every
 * route checks access as `access.ts` says (404 for what the viewer may not see); the images
 * themselves are served by `image-routes.ts`.
 */
export async function photoRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<PhotoStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const photos = ctx.storage.photos;
  const tags = ['Photos'];

  async function one(viewer: Viewer, record: PhotoRecord) {
    const [photo] = await photosAsSeen(ctx, viewer, [record]);
    if (!photo) throw new AppError('not_found', `No photo found with ID: ${record.id}`);
    return { data: photo };
  }

  app.get(
    '/galleries/:galleryId/photos',
    {
      config: { visitors: true },
      schema: {
        operationId: 'listPhotos',
        summary: 'List the photos and videos of a gallery',
        description:
          'The studio sees every photo, hidden, processing and failed ones too, and may filter by `status`. ' +
          'A gallery client sees only the ready photos that are not hidden, of a gallery they may see; ' +
          "`status` is the studio's alone and a client sending it gets 400 `invalid_query` (a filter " +
          'quietly ignored would answer another question than the one asked). `favorites=true` lists ' +
          'only the photos the reader favorited (in any of their lists), `false` those they did not.',
        tags,
        params: GalleryParams,
        querystring: PhotoListQuery,
        response: responses(
          { 200: Page(Photo, '/api/v1/galleries/530144826/photos') },
          { found: true },
        ),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const galleryId = requireNumericId('gallery', request.params.galleryId);
      const { gallery } = await readableGallery(ctx, viewer, galleryId);
      const query = request.query;
      const studio = isStudio(viewer);
      if (query.status !== undefined && !studio) {
        throw new AppError(
          'invalid_query',
          'Only the studio filters photos by status: a client sees ready photos only',
          { status: ['is for the studio only'] },
        );
      }
      const window = requestedWindow(request);
      const options: PhotoListOptions = {
        offset: window.offset,
        limit: window.limit,
        visibleOnly: !studio,
      };
      if (query.order !== undefined) options.order = query.order;
      if (query.status !== undefined) options.status = query.status;
      if (query.favorites !== undefined) {
        options.favorites = { ownerKey: viewerKey(viewer), favorited: query.favorites };
      }
      const { items, total } = await photos.listForGallery(viewer.accountId, gallery.id, options);
      return {
        data: await photosAsSeen(ctx, viewer, items),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );

  app.get(
    '/photos/:photoId',
    {
      config: { visitors: true },
      schema: {
        operationId: 'getPhoto',
        summary: 'Get one photo or video',
        description:
          'Anyone who may see it: the studio any photo of its account; a gallery client a ready, ' +
          'unhidden photo of a gallery they may see. Everything else is 404, as an unknown ID is.',
        tags,
        params: PhotoParams,
        response: responses({ 200: One }, { found: true }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('photo', request.params.photoId);
      const photo = await visiblePhoto(ctx, viewer, id);
      return one(viewer, photo);
    },
  );

  app.put(
    '/photos/:photoId',
    {
      schema: {
        operationId: 'updatePhoto',
        summary: 'Rename, move, hide a photo, or make it the cover',
        description:
          'Staff only. `position` moves it in its gallery (the others shift; past the end is the ' +
          "end). `cover: true` makes it the gallery's cover (409 unless it is ready); `false` " +
          "goes back to the first photo. A hidden cover is the studio's: clients see the first " +
          'photo they may see instead.',
        tags,
        params: PhotoParams,
        body: PhotoUpdate,
        response: responses({ 200: One }, { body: true, found: true, also: [409] }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('photo', request.params.photoId);
      const photo = await visiblePhoto(ctx, viewer, id);
      const body = request.body;
      // Checked before anything is written: a refused request changes nothing.
      if (body.cover === true && photo.status !== 'ready') {
        throw new AppError(
          'conflict',
          `Photo ${id} is ${photo.status}: only a ready photo can be the cover`,
        );
      }
      const changes = photoChanges(body, ctx.clock.now());
      let current = photo;
      if (changes) {
        const updated = await photos.update(viewer.accountId, id, changes);
        if (!updated) throw new AppError('not_found', `No photo found with ID: ${id}`);
        current = updated;
      }
      if (body.cover === true) {
        await photos.setCover(viewer.accountId, photo.galleryId, id);
      } else if (body.cover === false) {
        const covers = await photos.coversOf(viewer.accountId, [photo.galleryId], {
          visibleOnly: false,
        });
        // Only a cover that was chosen is cleared; the first photo by default stays the default.
        if (covers.get(photo.galleryId)?.id === id) {
          await photos.setCover(viewer.accountId, photo.galleryId, null);
        }
      }
      return one(viewer, current);
    },
  );

  app.delete(
    '/photos/:photoId',
    {
      schema: {
        operationId: 'deletePhoto',
        summary: 'Delete a photo or video',
        description:
          'Staff only. Its original and sizes are deleted from storage too, unless another photo ' +
          'holds the same bytes. The photos after it move up; if it was the cover, the first ' +
          'photo is the cover again.',
        tags,
        params: PhotoParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('photo', request.params.photoId);
      await visiblePhoto(ctx, viewer, id);
      const deleted = await photos.delete(viewer.accountId, id);
      if (!deleted) throw new AppError('not_found', `No photo found with ID: ${id}`);
      await releaseBlobs(ctx, [deleted], request.log);
      return reply.code(204).send();
    },
  );
}
