import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  BeforeDownloadSettings,
  DOWNLOAD_CONTENT_TYPES,
  DownloadPinBody,
  DownloadPinGrant,
  DownloadQuery,
  type DownloadSize,
  Envelope,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import { strongEtag } from '../../http/byte-range.js';
import { requireNumericId } from '../../http/path-ids.js';
import { IdParams, PhotoParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { formatTimestamp } from '../../http/timestamp.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
import { visibleCollection } from '../collection-access.js';
import { readablePhoto } from '../photos/access.js';
import { requestViewer } from '../viewer.js';
import { downloadFile } from './archive-members.js';
import { archiveRoutes } from './archive-routes.js';
import { safeSegment } from './file-names.js';
import { DownloadPins } from './pin.js';
import {
  chosenSize,
  downloadCapability,
  downloadPolicy,
  downloadRefused,
  itemSize,
} from './policy.js';
import { fileResponses, MEDIA_TYPES } from './responses.js';
import { sendDownload } from './send-file.js';
import type { DownloadStores } from './stores.js';
import { trackingRoutes } from './tracking-routes.js';

const tags = ['Downloads'];

/** The type a photo's file is sent as: a smaller size is a JPEG; an original, its sniffed type. */
function contentTypeOf(photo: PhotoRecord, size: DownloadSize): string {
  if (size !== 'original') return 'image/jpeg';
  const known: readonly string[] = DOWNLOAD_CONTENT_TYPES;
  return known.includes(photo.contentType) ? photo.contentType : 'application/octet-stream';
}

/**
 * Downloads: one photo or video, a gallery or collection as a ZIP, the download PIN, what a
 * viewer must do before downloading, and the studio's tracking of every download.
 */
export async function downloadRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<DownloadStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const pins = new DownloadPins(ctx);

  app.get(
    '/photos/:photoId/download',
    {
      config: { visitors: true },
      schema: {
        operationId: 'downloadPhoto',
        summary: 'Download one photo or video',
        description:
          'In `size` `original`, `high` (the 2560-pixel JPEG) or `web` (the 1600-pixel JPEG), as the collection offers; a video as its original. The studio may download every size. With a download PIN, give it to `POST /api/v1/collections/{id}/download_pin` first. Resumable: `Range`, with `If-Range` set to the `ETag`. Access is checked on every request, and every download is recorded.',
        tags,
        params: PhotoParams,
        querystring: DownloadQuery,
        response: responses(fileResponses('The file', MEDIA_TYPES), {
          found: true,
          also: [409, 416],
        }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('photo', request.params.photoId);
      const { photo, gallery, collection } = await readablePhoto(ctx, viewer, id);
      const policy = downloadPolicy(downloadCapability(viewer), collection, gallery);
      const size = itemSize(policy, photo.kind, chosenSize(policy, request.query.size));
      if (size === null) {
        throw downloadRefused(
          'Videos are downloaded as their originals, which are not offered here',
        );
      }
      if (policy.pinRequired) await pins.require(viewer, collection);
      const file = downloadFile(photo, size);
      if (!file)
        throw new AppError('conflict', `Photo ${id} has no ${size} size: it is ${photo.status}`);
      return sendDownload(ctx, request, reply, viewer, {
        etag: strongEtag(file.sha256),
        size: file.size,
        contentType: contentTypeOf(photo, size),
        filename: safeSegment(file.name, `photo-${id}`),
        subject: {
          subject: photo.kind,
          collectionId: collection.id,
          galleryId: gallery.id,
          photoId: photo.id,
          size,
        },
        async open(span) {
          const stream = await ctx.storage.blobs.get(
            file.sha256,
            span.partial ? { start: span.start, end: span.end } : undefined,
          );
          if (!stream) throw new AppError('not_found', `The file of photo ${id} is missing`);
          return stream;
        },
      });
    },
  );

  app.post(
    '/collections/:id/download_pin',
    {
      config: { visitors: true },
      schema: {
        operationId: 'giveDownloadPin',
        summary: "Give a collection's download PIN",
        description: `A right PIN lets the viewer start downloads of the collection for an hour, with plain links (the grant is kept on the server for this viewer, not in a cookie). A wrong one is a 403 \`download_pin_wrong\`; wrong PINs are throttled like sign-ins (429 with \`Retry-After\`). Changing the PIN ends every grant. \`expires_at\` is \`null\` when the collection has no PIN.`,
        tags,
        params: IdParams,
        body: DownloadPinBody,
        response: responses({ 200: Envelope(DownloadPinGrant) }, { body: true, found: true }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const until = await pins.check(viewer, collection, request.body.pin, request.ip);
      return {
        data: {
          collection_id: collection.id,
          expires_at: until === null ? null : formatTimestamp(until),
        },
      };
    },
  );

  app.get(
    '/collections/:id/before_download_settings',
    {
      config: { visitors: true },
      schema: {
        operationId: 'getBeforeDownloadSettings',
        summary: 'What the viewer must do before downloading',
        description:
          'For the asking viewer: whether they may download, which sizes, whether the download PIN is needed and given, and which galleries they may download.',
        tags,
        params: IdParams,
        response: responses({ 200: Envelope(BeforeDownloadSettings) }, { found: true }),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const capability = downloadCapability(viewer);
      const policy = downloadPolicy(capability, collection);
      const galleries = (
        await ctx.storage.galleries.listForCollection(
          viewer.accountId,
          collection.id,
          viewer.visibleTo,
        )
      ).map((g) => ({
        gallery_id: g.id,
        allowed: downloadPolicy(capability, collection, g).allowed,
      }));
      const none = policy.allowed && galleries.length > 0 && galleries.every((g) => !g.allowed);
      return {
        data: {
          collection_id: collection.id,
          allowed: policy.allowed && !none,
          reason: none ? 'No gallery of this collection is downloadable' : policy.reason,
          sizes: policy.sizes,
          default_size: policy.sizes[0] ?? null,
          pin_required: policy.pinRequired,
          pin_granted: policy.pinRequired && (await pins.granted(viewer, collection)),
          galleries,
        },
      };
    },
  );

  await archiveRoutes(app, ctx, pins);
  await trackingRoutes(app, ctx);
}
