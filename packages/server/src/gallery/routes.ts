import type { FastifyInstance } from 'fastify';
import { type AppContext, withStores } from '../app-context.js';
import { bootstrapRoutes } from './bootstrap/routes.js';
import { collectionRoutes } from './collections/routes.js';
import { galleryResourceRoutes } from './galleries/routes.js';
import { watermarkRoutes } from './watermarks/routes.js';

/** The Gallery API's resources. */
export async function galleryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) =>
    bootstrapRoutes(scope, withStores(ctx, ['accounts', 'users'])),
  );
  await app.register(async (scope) =>
    collectionRoutes(scope, withStores(ctx, ['accounts', 'collections', 'users', 'notifications'])),
  );
  await app.register(async (scope) =>
    galleryResourceRoutes(
      scope,
      withStores(ctx, ['accounts', 'collections', 'galleries', 'users', 'notifications']),
    ),
  );
  await app.register(async (scope) =>
    watermarkRoutes(scope, withStores(ctx, ['accounts', 'collections', 'watermarks', 'blobs'])),
  );
}
