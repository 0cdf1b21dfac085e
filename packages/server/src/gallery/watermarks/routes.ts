import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CollectionWatermark, Envelope, Watermark, WatermarkUpdate } from '@proofsheet/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { OWNER, STAFF } from '../../http/role-sets.js';
import { isPhotoError, sniffImageType } from '../../photos/index.js';
import { applyWatermark } from '../../photos/watermark.js';
import type { WatermarkRecord } from '../../storage/ports/watermark-store.js';
import { visibleCollection } from '../collection-access.js';
import { viewerOf } from '../viewer.js';
import { defaultWatermark, markOf, toWatermark } from './marks.js';

/** The stores watermark routes use. */
export type WatermarkStores = 'accounts' | 'collections' | 'watermarks' | 'blobs';

/** The image types a logo may be uploaded as; the bytes must say the same. */
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A logo is small: 5 MiB is a generous print-resolution PNG. */
const LOGO_MAX_BYTES = 5 * 1024 * 1024;

const One = Envelope(Watermark);
const OneSetting = Envelope(CollectionWatermark);

/**
 * The studio's watermark and which collections carry it. Staff read; the owner changes the
 * studio's mark (it is the studio's brand); staff turn it on or off per collection.
 */
export async function watermarkRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<WatermarkStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { watermarks, blobs, accounts } = ctx.storage;
  const tags = ['Watermarks'];

  scope.addContentTypeParser(
    [...LOGO_TYPES],
    { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  async function current(accountId: string): Promise<WatermarkRecord> {
    const saved = await watermarks.find(accountId);
    if (saved) return saved;
    const account = await accounts.findById(accountId);
    return defaultWatermark(accountId, account?.name ?? 'Proofsheet');
  }

  app.get(
    '/watermark',
    {
      schema: {
        operationId: 'getWatermark',
        summary: "The studio's watermark",
        description:
          'Staff only. Before the owner sets one up, the default: the studio name, bottom right.',
        tags,
        response: responses({ 200: One }),
      },
      config: { roles: STAFF },
    },
    async (request) => ({ data: toWatermark(await current(signedIn(request).login.accountId)) }),
  );

  app.put(
    '/watermark',
    {
      schema: {
        operationId: 'updateWatermark',
        summary: "Change the studio's watermark",
        description:
          'The owner only. `kind: "logo"` needs a logo uploaded first (`PUT /api/v1/watermark/logo`): 409 otherwise. Pictures already marked are marked again with the new settings when next shown.',
        tags,
        body: WatermarkUpdate,
        response: responses({ 200: One }, { body: true, also: [409] }),
      },
      config: { roles: OWNER },
    },
    async (request) => {
      const { accountId } = signedIn(request).login;
      const next: WatermarkRecord = { ...(await current(accountId)), updatedAt: ctx.clock.now() };
      const body = request.body;
      if (body.kind !== undefined) next.kind = body.kind;
      if (body.text !== undefined) next.text = body.text;
      if (body.opacity !== undefined) next.opacity = body.opacity;
      if (body.scale !== undefined) next.scale = body.scale;
      if (body.position !== undefined) next.position = body.position;
      if (next.kind === 'logo' && next.logoSha256 === null) {
        throw new AppError(
          'conflict',
          'Upload a logo (PUT /api/v1/watermark/logo) before choosing a logo watermark',
        );
      }
      await watermarks.save(next);
      return { data: toWatermark(next) };
    },
  );

  app.put(
    '/watermark/logo',
    {
      schema: {
        operationId: 'uploadWatermarkLogo',
        summary: "Upload the studio's logo for its watermark",
        description: `The owner only. The body is the image itself (${LOGO_TYPES.join(', ')}; at most 5 MiB), judged by its bytes; a PNG with transparency marks best. Uploading does not switch the mark to the logo: \`PUT /api/v1/watermark\` with \`kind: "logo"\` does.`,
        tags,
        response: responses({ 200: One }, { body: true }),
      },
      config: { roles: OWNER, bodyTypes: LOGO_TYPES },
    },
    async (request) => {
      const { accountId } = signedIn(request).login;
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
        throw new AppError(
          'unsupported_media_type',
          `The body must be a logo image (${LOGO_TYPES.join(', ')})`,
        );
      }
      const type = sniffImageType(bytes);
      if (type !== 'png' && type !== 'jpeg' && type !== 'webp') {
        throw new AppError('unsupported_media_type', 'The logo must be a PNG, JPEG or WebP image');
      }
      try {
        const meta = await sharp(bytes, { limitInputPixels: 25_000_000 }).metadata();
        if (!meta.width || !meta.height) throw new Error('no size');
      } catch {
        throw new AppError('validation_failed', 'The logo cannot be read as an image', {
          body: ['is not a readable image'],
        });
      }
      const stored = await blobs.put(bytes, { contentType: `image/${type}` });
      const next = {
        ...(await current(accountId)),
        logoSha256: stored.sha256,
        updatedAt: ctx.clock.now(),
      };
      await watermarks.save(next);
      return { data: toWatermark(next) };
    },
  );

  app.get(
    '/watermark/preview.jpg',
    {
      schema: {
        operationId: 'previewWatermark',
        summary: 'A sample picture with the watermark on it',
        description:
          'Staff only. For the settings page: how the mark looks before a client sees it.',
        tags,
        response: responses({
          200: {
            description: 'A 1200×800 JPEG',
            content: {
              'image/jpeg': { schema: Type.String({ format: 'binary' }), example: '(JPEG bytes)' },
            },
          },
        }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const settings = await current(signedIn(request).login.accountId);
      const sample = await sharp({
        create: { width: 1200, height: 800, channels: 3, background: '#7a8591' },
      })
        .jpeg()
        .toBuffer();
      let marked: Buffer;
      try {
        marked = await applyWatermark(sample, 'jpeg', await markOf(ctx.storage, settings).spec());
      } catch (error) {
        if (isPhotoError(error))
          throw new AppError('conflict', `The logo cannot be drawn: ${error.message}`);
        throw error;
      }
      return reply.header('cache-control', 'private, no-cache').type('image/jpeg').send(marked);
    },
  );

  app.get(
    '/collections/:id/watermark',
    {
      schema: {
        operationId: 'getCollectionWatermark',
        summary: "Whether a collection's pictures carry the watermark",
        description: 'Staff only.',
        tags,
        params: IdParams,
        response: responses({ 200: OneSetting }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      return { data: { enabled: await watermarks.isEnabled(viewer.accountId, collection.id) } };
    },
  );

  app.put(
    '/collections/:id/watermark',
    {
      schema: {
        operationId: 'setCollectionWatermark',
        summary: "Turn a collection's watermark on or off",
        description:
          'Staff only. When on, every size of every photo that clients and share-link visitors see is marked; downloads, originals and the studio’s own views never are.',
        tags,
        params: IdParams,
        body: CollectionWatermark,
        response: responses({ 200: OneSetting }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      await watermarks.setEnabled(viewer.accountId, collection.id, request.body.enabled);
      return { data: { enabled: request.body.enabled } };
    },
  );
}
