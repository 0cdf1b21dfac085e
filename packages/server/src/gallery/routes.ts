import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { bootstrapRoutes } from './bootstrap/routes.js';
import { collectionRoutes } from './collections/routes.js';
import { galleryResourceRoutes } from './galleries/routes.js';

/** The Gallery API's resources. */
export async function galleryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => bootstrapRoutes(scope, ctx));
  await app.register(async (scope) => collectionRoutes(scope, ctx));
  await app.register(async (scope) => galleryResourceRoutes(scope, ctx));
}
