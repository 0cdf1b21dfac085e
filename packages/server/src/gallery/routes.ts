import type { FastifyInstance } from 'fastify';
import { type AppContext, withStores } from '../app-context.js';
import { bootstrapRoutes } from './bootstrap/routes.js';
import { collectionRoutes } from './collections/routes.js';
import type { ShareInviter } from './collections/sharing.js';
import { downloadRoutes } from './downloads/routes.js';
import { galleryResourceRoutes } from './galleries/routes.js';
import { photoImageRoutes } from './photos/image-routes.js';
import { photoRoutes } from './photos/routes.js';
import { tusUploadRoutes } from './photos/tus-uploads.js';
import { photoUploadRoutes } from './photos/upload-routes.js';
import { photoVideoRoutes } from './photos/video-routes.js';
import { proofingRoutes } from './proofing/routes.js';
import { collectionInfoRoutes } from './sharing/collection-info-routes.js';
import { collectionDefaultsRoutes } from './sharing/defaults-routes.js';
import { shareLinkRoutes } from './sharing/routes.js';
import { watermarkRoutes } from './watermarks/routes.js';

/** The Gallery API's resources. */
export async function galleryRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  inviter: ShareInviter,
): Promise<void> {
  await app.register(async (scope) =>
    bootstrapRoutes(scope, withStores(ctx, ['accounts', 'users'])),
  );
  await app.register(async (scope) =>
    collectionRoutes(
      scope,
      withStores(ctx, [
        'accounts',
        'collections',
        'photos',
        'blobs',
        'watermarks',
        'users',
        'notifications',
        'collectionDefaults',
        'collectionAccess',
      ]),
      inviter,
    ),
  );
  await app.register(async (scope) =>
    galleryResourceRoutes(
      scope,
      withStores(ctx, [
        'accounts',
        'collections',
        'galleries',
        'photos',
        'blobs',
        'watermarks',
        'users',
        'notifications',
      ]),
    ),
  );
  await app.register(async (scope) =>
    shareLinkRoutes(
      scope,
      withStores(ctx, ['accounts', 'collections', 'galleries', 'photos', 'shareLinks']),
    ),
  );
  await app.register(async (scope) =>
    collectionInfoRoutes(
      scope,
      withStores(ctx, [
        'accounts',
        'collections',
        'shareLinks',
        'visitors',
        'collectionAccess',
        'watermarks',
      ]),
    ),
  );
  await app.register(async (scope) =>
    collectionDefaultsRoutes(scope, withStores(ctx, ['collectionDefaults'])),
  );
  await app.register(async (scope) =>
    watermarkRoutes(scope, withStores(ctx, ['accounts', 'collections', 'watermarks', 'blobs'])),
  );
  await app.register(async (scope) =>
    photoUploadRoutes(
      scope,
      withStores(ctx, ['accounts', 'collections', 'galleries', 'photos', 'blobs', 'jobs']),
    ),
  );
  const photoStores = [
    'accounts',
    'collections',
    'galleries',
    'photos',
    'blobs',
    'watermarks',
  ] as const;
  await app.register(async (scope) => photoRoutes(scope, withStores(ctx, photoStores)));
  await app.register(async (scope) => photoImageRoutes(scope, withStores(ctx, photoStores)));
  await app.register(async (scope) => photoVideoRoutes(scope, withStores(ctx, photoStores)));
  await app.register(async (scope) => {
    const tus = await tusUploadRoutes(
      scope,
      withStores(ctx, ['accounts', 'collections', 'galleries', 'photos', 'blobs', 'jobs', 'locks']),
    );
    // Uploads abandoned for a day are deleted at start-up and at every housekeeping interval;
    // tus resumes the others.
    const sweep = () =>
      void tus
        .deleteExpired()
        .catch((error: unknown) => scope.log.warn({ err: error }, 'tus cleanup'));
    let timer: NodeJS.Timeout | null = null;
    scope.addHook('onReady', async () => {
      sweep();
      timer = setInterval(sweep, ctx.config.housekeepingIntervalMs);
      timer.unref();
    });
    scope.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  });
  await app.register(async (scope) =>
    proofingRoutes(
      scope,
      withStores(ctx, [
        'accounts',
        'collections',
        'galleries',
        'photos',
        'favorites',
        'comments',
        'notifications',
      ]),
    ),
  );
  await app.register(async (scope) =>
    downloadRoutes(
      scope,
      withStores(ctx, [
        'accounts',
        'collections',
        'galleries',
        'photos',
        'blobs',
        'downloads',
        'counters',
        'users',
      ]),
    ),
  );
}
