import { PhotoImageQuery } from '@proofsheet/protocol';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import { requireNumericId } from '../../http/path-ids.js';
import { PhotoParams } from '../../http/path-params.js';
import { requestViewer } from '../viewer.js';
import { visiblePhoto } from './access.js';
import {
  IMMUTABLE,
  type ImageStores,
  REVALIDATE,
  sendBlob,
  servedResponses,
} from './image-routes.js';
import { isPlayable, videoVersion } from './view.js';

/** The types a video is stored as: what the upload sniffs (media-type.ts). */
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];

/**
 * A video to play, to anyone who may see it: the original's bytes, as stored, in the ranges a
 * `<video>` element asks for while it plays and seeks.
 */
export async function photoVideoRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<ImageStores>,
): Promise<void> {
  const video = {
    config: { visitors: true, rateLimit: 'images' as const },
    schema: {
      operationId: 'getPhotoVideo',
      summary: 'Play a video',
      description:
        'Anyone who may see the video, checked on every request (the studio, gallery clients of a shared collection, share-link visitors). Use the address in the photo’s `urls.video`: with its `v` it may be cached for good; without it (or with an old one) it is to be revalidated. Watching is not downloading: the bytes are sent inline (no `Content-Disposition: attachment`), no download is recorded, and a collection whose downloads are off may still be watched, as on Pixieset. Videos are never watermarked. `Range` (206, or 416 past the end), `If-Range` and `If-None-Match` are honoured; HEAD answers the same headers. 404 for a photo that is not a video, and for a video still processing or failed.',
      tags: ['Photos'],
      params: PhotoParams,
      querystring: PhotoImageQuery,
      response: servedResponses(VIDEO_TYPES),
    },
  };
  async function serveVideo(
    request: FastifyRequest<{
      Params: Static<typeof PhotoParams>;
      Querystring: Static<typeof PhotoImageQuery>;
    }>,
    reply: FastifyReply,
  ) {
    const viewer = await requestViewer(ctx, request);
    const id = requireNumericId('photo', request.params.photoId);
    const photo = await visiblePhoto(ctx, viewer, id);
    // The studio sees videos still processing: only a finished one is offered to play.
    if (!isPlayable(photo)) {
      const why = photo.kind === 'video' ? `a video that is ${photo.status}` : 'a photo';
      throw new AppError('not_found', `Photo ${id} has no video to play: it is ${why}`);
    }
    return sendBlob(ctx, request, reply, {
      sha256: photo.sha256,
      size: photo.size,
      contentType: photo.contentType,
      cacheControl: request.query.v === videoVersion(photo) ? IMMUTABLE : REVALIDATE,
    });
  }
  // HEAD is routed explicitly, as the images' is: Fastify's own would read the whole video.
  scope.get('/photos/:photoId/video', { ...video, exposeHeadRoute: false }, serveVideo);
  scope.head('/photos/:photoId/video', video, serveVideo);
}
