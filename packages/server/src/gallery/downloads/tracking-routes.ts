import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DownloadEvent,
  DownloadListQuery,
  MEDIA_DOWNLOADS_RECENT,
  MediaDownloads,
  Page,
  PageQuery,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import { visibleCollection } from '../collection-access.js';
import { requestViewer } from '../viewer.js';
import type { DownloadStores } from './stores.js';
import { toDownloadEvent, toMediaDownloads } from './view.js';

const tags = ['Downloads'];

/** The list's path, as the reference docs name it, and the same without the slash. */
const LIST_PATHS = ['/collections/:id/downloads/', '/collections/:id/downloads'] as const;

const MEDIA = {
  photo: {
    url: '/collections/:id/photo_downloads',
    operationId: 'listPhotoDownloads',
    summary: 'Downloads of each photo of a collection',
    example: '/api/v1/collections/48213907/photo_downloads',
  },
  video: {
    url: '/collections/:id/gallery_video_downloads',
    operationId: 'listVideoDownloads',
    summary: 'Downloads of each video of a collection',
    example: '/api/v1/collections/48213907/gallery_video_downloads',
  },
} as const;

/**
 * The studio's tracking of downloads, answered from the records: per photo and per video (on
 * their own, not in ZIPs), and every download of a collection, newest first.
 */
export async function trackingRoutes(
  app: FastifyInstance,
  ctx: ResourceContext<DownloadStores>,
): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  for (const [subject, route] of Object.entries(MEDIA) as [
    keyof typeof MEDIA,
    (typeof MEDIA)[keyof typeof MEDIA],
  ][]) {
    typed.get(
      route.url,
      {
        schema: {
          operationId: route.operationId,
          summary: route.summary,
          description: `Staff only. Most downloaded first, each with its ${MEDIA_DOWNLOADS_RECENT} latest downloads. Counts downloads of the ${subject} on its own (not in a ZIP) that started at the first byte; \`bytes_sent\` adds up resumed parts too.`,
          tags,
          params: IdParams,
          querystring: PageQuery,
          response: responses({ 200: Page(MediaDownloads, route.example) }, { found: true }),
        },
        config: { roles: STAFF },
      },
      async (request) => {
        const viewer = await requestViewer(ctx, request);
        const collection = await visibleCollection(ctx, viewer, request.params.id);
        const window = requestedWindow(request);
        const { items, total } = await ctx.storage.downloads.countsByPhoto(
          viewer.accountId,
          collection.id,
          { subject, offset: window.offset, limit: window.limit, recent: MEDIA_DOWNLOADS_RECENT },
        );
        return {
          data: items.map(toMediaDownloads),
          meta: listMeta(request, window, total, items.length),
        };
      },
    );
  }

  for (const url of LIST_PATHS) {
    typed.get(
      url,
      {
        schema: {
          // The document lists the path once: the other is the same operation.
          hide: url !== LIST_PATHS[0],
          operationId: 'listDownloads',
          summary: 'Every download of a collection, newest first',
          description:
            'Staff only. Photos, videos and the ZIPs of galleries and of the collection; `subject` keeps one kind. Each says who (viewer key and email, IP, user agent), what, in which size, and how many bytes arrived. Also answered without the trailing slash.',
          tags,
          params: IdParams,
          querystring: DownloadListQuery,
          response: responses(
            { 200: Page(DownloadEvent, '/api/v1/collections/48213907/downloads/') },
            { found: true },
          ),
        },
        config: { roles: STAFF },
      },
      async (request) => {
        const viewer = await requestViewer(ctx, request);
        const collection = await visibleCollection(ctx, viewer, request.params.id);
        const window = requestedWindow(request);
        const subject = request.query.subject;
        const { items, total } = await ctx.storage.downloads.list(viewer.accountId, collection.id, {
          offset: window.offset,
          limit: window.limit,
          ...(subject !== undefined ? { subjects: [subject] } : {}),
        });
        return {
          data: items.map(toDownloadEvent),
          meta: listMeta(request, window, total, items.length),
        };
      },
    );
  }
}
