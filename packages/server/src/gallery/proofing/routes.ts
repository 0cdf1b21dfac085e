import type { FastifyInstance } from 'fastify';
import { commentRoutes } from './comment-routes.js';
import { exportRoutes } from './export-routes.js';
import { favoriteRoutes } from './favorite-routes.js';
import { favoriteListRoutes } from './list-routes.js';
import { selectionRoutes } from './selection-routes.js';
import type { ProofingContext } from './stores.js';

/** Proofing: favorites, favorites lists and what is read and exported of them, comments. */
export async function proofingRoutes(app: FastifyInstance, ctx: ProofingContext): Promise<void> {
  await app.register(async (scope) => favoriteRoutes(scope, ctx));
  await app.register(async (scope) => favoriteListRoutes(scope, ctx));
  await app.register(async (scope) => selectionRoutes(scope, ctx));
  await app.register(async (scope) => exportRoutes(scope, ctx));
  await app.register(async (scope) => commentRoutes(scope, ctx));
}
