import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FavoriteExportQuery } from '@proofsheet/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { responses } from '../../http/responses.js';
import { formatTimestamp } from '../../http/timestamp.js';
import type { FavoriteListView } from '../../storage/ports/favorite-store.js';
import { requestViewer } from '../viewer.js';
import { type ExportRow, exportBody, exportFilename } from './export-formats.js';
import { readableList } from './list-access.js';
import { FavoriteListParams } from './params.js';
import type { ProofingContext } from './stores.js';

/** Photos read per query while the export is built. */
const BATCH = 500;

/** Every photo of the list's selection, in the collection's order. */
async function selectionRows(ctx: ProofingContext, list: FavoriteListView): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for (let offset = 0; ; offset += BATCH) {
    const { items } = await ctx.storage.favorites.favoritedPhotos(list.accountId, {
      listId: list.id,
      visibleOnly: true,
      order: 'gallery',
      entries: false,
      offset,
      limit: BATCH,
    });
    for (const { photo, firstAt } of items) {
      rows.push({
        filename: photo.filename,
        photoId: photo.id,
        galleryId: photo.galleryId,
        position: photo.position,
        favoritedAt: formatTimestamp(firstAt),
      });
    }
    if (items.length < BATCH) return rows;
  }
}

const EXAMPLE_ROWS: ExportRow[] = [
  {
    filename: 'DSC_0412.jpg',
    photoId: 4021583311,
    galleryId: 530144826,
    position: 12,
    favoritedAt: '2026-05-12T20:11:05.000000Z',
  },
  {
    filename: 'DSC_0413.jpg',
    photoId: 4021583312,
    galleryId: 530144826,
    position: 13,
    favoritedAt: '2026-05-12T20:11:09.000000Z',
  },
];

/** `GET /api/v1/favorite_lists/{listId}/export`: a selection as Lightroom, text or CSV. */
export async function exportRoutes(scope: FastifyInstance, ctx: ProofingContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/favorite_lists/:listId/export',
    {
      config: { visitors: true },
      schema: {
        operationId: 'exportFavoriteList',
        summary: "Download a favorites list's file names, for Lightroom or a spreadsheet",
        description:
          'The studio, or the list\'s owner. `lightroom` (the default): names without extensions, comma-separated ("DSC_0412, DSC_0413"), to paste into the Library filter; `txt`: one file name per line; `csv`: a row per photo. Only the selection: hidden photos, photos of private galleries and photos not processed are left out.',
        tags: ['Proofing'],
        params: FavoriteListParams,
        querystring: FavoriteExportQuery,
        response: responses(
          {
            200: {
              description: 'The file, as an attachment',
              content: {
                'text/plain': {
                  schema: Type.String(),
                  example: exportBody('lightroom', EXAMPLE_ROWS).body,
                },
                'text/csv': {
                  schema: Type.String(),
                  example: exportBody('csv', EXAMPLE_ROWS).body,
                },
              },
            },
          },
          { found: true },
        ),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const { list } = await readableList(ctx, viewer, request.params.listId);
      const format = request.query.format ?? 'lightroom';
      const { contentType, body, extension } = exportBody(format, await selectionRows(ctx, list));
      return reply
        .type(contentType)
        .header(
          'content-disposition',
          `attachment; filename="${exportFilename(list.name, format, extension)}"`,
        )
        .send(body);
    },
  );
}
