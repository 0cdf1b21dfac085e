import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DownloadQuery, type DownloadSize, type DownloadSubject } from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { requireNumericId } from '../../http/path-ids.js';
import { GalleryParams, IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import { visibleCollection } from '../collection-access.js';
import { readableGallery } from '../photos/access.js';
import { requestViewer, type Viewer } from '../viewer.js';
import { type ArchiveGallery, archiveEtag, archiveMembers } from './archive-members.js';
import { safeSegment } from './file-names.js';
import type { DownloadPins } from './pin.js';
import { chosenSize, downloadCapability, downloadPolicy, downloadRefused } from './policy.js';
import { fileResponses, ZIP_TYPES } from './responses.js';
import { sendDownload } from './send-file.js';
import type { DownloadStores } from './stores.js';
import { zipSize, zipStream } from './zip-stream.js';

/** How an archive's name says its size: the originals are the plain name. */
const SIZE_SUFFIX: Record<DownloadSize, string> = {
  original: '',
  high: ' (high-res)',
  web: ' (web)',
};

/** An archive to send: whose it is, what goes in, and under what name. */
interface Archive {
  subject: Extract<DownloadSubject, 'gallery' | 'collection'>;
  collection: CollectionView;
  galleryId: number | null;
  name: string;
  galleries: ArchiveGallery[];
  size: DownloadSize;
}

const tags = ['Downloads'];

/**
 * Bytes per read of an archive's member. One member is open at a time, so a large read
 * costs one buffer per download, and moves four to five times as many bytes per second as
 * the default 64 KiB through the archive's chain of streams.
 */
const ARCHIVE_READ_BYTES = 1024 * 1024;

const ARCHIVE_NOTES =
  'Streamed as it is written, files stored uncompressed (ZIP64 where sizes need it), with `Content-Length` up front. The bytes are the same for the same photos, so `Range` with `If-Range` set to the `ETag` resumes: the server reads the members again up to the offset without sending them (the cost of a resume grows with its offset). Only ready photos that are not hidden; videos as their originals when originals are offered. Duplicate names get ` (2)`, ` (3)`.';

/** The ZIP downloads of a gallery and of a collection (a folder per gallery). */
export async function archiveRoutes(
  app: FastifyInstance,
  ctx: ResourceContext<DownloadStores>,
  pins: DownloadPins,
): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    archive: Archive,
  ): Promise<FastifyReply> {
    const members = await archiveMembers(
      ctx.storage.photos,
      viewer.accountId,
      archive.galleries,
      archive.size,
    );
    const layout = { members };
    return sendDownload(ctx, request, reply, viewer, {
      etag: archiveEtag(members, false),
      size: zipSize(layout),
      contentType: 'application/zip',
      filename: `${safeSegment(archive.name, 'photos')}${SIZE_SUFFIX[archive.size]}.zip`,
      subject: {
        subject: archive.subject,
        collectionId: archive.collection.id,
        galleryId: archive.galleryId,
        photoId: null,
        size: archive.size,
      },
      async open(span) {
        return zipStream(layout, span, async (member) => {
          const stream = await ctx.storage.blobs.get(member.sha256, undefined, {
            chunkBytes: ARCHIVE_READ_BYTES,
          });
          if (!stream)
            throw new Error(`Blob ${member.sha256} of photo ${member.photoId} is missing`);
          return stream;
        });
      },
    });
  }

  typed.get(
    '/galleries/:galleryId/download',
    {
      config: { visitors: true },
      schema: {
        operationId: 'downloadGallery',
        summary: 'Download a gallery as a ZIP',
        description: `In \`size\` \`original\`, \`high\` or \`web\`, as the collection offers (the studio: any). ${ARCHIVE_NOTES}`,
        tags,
        params: GalleryParams,
        querystring: DownloadQuery,
        response: responses(fileResponses('The ZIP', ZIP_TYPES), { found: true, also: [416] }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('gallery', request.params.galleryId);
      const { gallery, collection } = await readableGallery(ctx, viewer, id);
      const policy = downloadPolicy(downloadCapability(viewer), collection, gallery);
      const size = chosenSize(policy, request.query.size);
      if (policy.pinRequired) await pins.require(viewer, collection);
      return send(request, reply, viewer, {
        subject: 'gallery',
        collection,
        galleryId: gallery.id,
        name: `${collection.name} - ${gallery.name}`,
        galleries: [{ gallery, folder: null, policy }],
        size,
      });
    },
  );

  typed.get(
    '/collections/:id/download',
    {
      config: { visitors: true },
      schema: {
        operationId: 'downloadCollection',
        summary: 'Download a collection as a ZIP, a folder per gallery',
        description: `Every gallery the viewer may download, each in a folder named after it. ${ARCHIVE_NOTES}`,
        tags,
        params: IdParams,
        querystring: DownloadQuery,
        response: responses(fileResponses('The ZIP', ZIP_TYPES), { found: true, also: [416] }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const capability = downloadCapability(viewer);
      const policy = downloadPolicy(capability, collection);
      const size = chosenSize(policy, request.query.size);
      if (policy.pinRequired) await pins.require(viewer, collection);
      const visible = await ctx.storage.galleries.listForCollection(
        viewer.accountId,
        collection.id,
        viewer.visibleTo,
      );
      const galleries = visible
        .map((gallery) => ({
          gallery,
          folder: gallery.name,
          policy: downloadPolicy(capability, collection, gallery),
        }))
        .filter((g) => g.policy.allowed);
      if (visible.length > 0 && galleries.length === 0) {
        throw downloadRefused('No gallery of this collection is downloadable');
      }
      return send(request, reply, viewer, {
        subject: 'collection',
        collection,
        galleryId: null,
        name: collection.name,
        galleries,
        size,
      });
    },
  );
}
