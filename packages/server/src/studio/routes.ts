import type { FastifyInstance } from 'fastify';
import { type AppContext, withStores } from '../app-context.js';
import { auditEventRoutes } from './audit-events/routes.js';
import { clientCsvRoutes } from './clients/csv.js';
import { clientRoutes } from './clients/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { outboxRoutes } from './outbox/routes.js';

/** The Studio API's resources. */
export async function studioRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) =>
    clientRoutes(scope, withStores(ctx, ['clients', 'notifications'])),
  );
  await app.register(async (scope) => clientCsvRoutes(scope, withStores(ctx, ['clients'])));
  await app.register(async (scope) =>
    notificationRoutes(scope, withStores(ctx, ['notifications'])),
  );
  await app.register(async (scope) => outboxRoutes(scope, withStores(ctx, ['outbox'])));
  await app.register(async (scope) => auditEventRoutes(scope, withStores(ctx, ['auditEvents'])));
}
