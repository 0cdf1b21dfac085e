import type { FastifyInstance } from 'fastify';
import { type AppContext, withStores } from '../app-context.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Invitations } from '../auth/invitations/invitations.js';
import type { SessionService } from '../auth/session-service.js';
import { auditEventRoutes } from './audit-events/routes.js';
import { clientCsvRoutes } from './clients/csv.js';
import { clientRoutes } from './clients/routes.js';
import { invitationRoutes } from './invitations/routes.js';
import { memberRoutes } from './members/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { outboxRoutes } from './outbox/routes.js';

/** What the Studio's member and invitation routes need beyond the stores. */
export interface StudioServices {
  sessions: SessionService;
  /** Member and invitation changes go into the studio's security log. */
  audit: AuditLog;
  invitations: Invitations;
  publicOrigin: string | null;
  secure: boolean;
}

/** The Studio API's resources. */
export async function studioRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: StudioServices,
): Promise<void> {
  await app.register(async (scope) =>
    clientRoutes(scope, withStores(ctx, ['clients', 'notifications'])),
  );
  await app.register(async (scope) => clientCsvRoutes(scope, withStores(ctx, ['clients'])));
  await app.register(async (scope) =>
    notificationRoutes(scope, withStores(ctx, ['notifications'])),
  );
  await app.register(async (scope) => outboxRoutes(scope, withStores(ctx, ['outbox'])));
  await app.register(async (scope) => auditEventRoutes(scope, withStores(ctx, ['auditEvents'])));
  await app.register(async (scope) =>
    memberRoutes(scope, {
      ...withStores(ctx, ['users']),
      sessions: services.sessions,
      audit: services.audit,
    }),
  );
  await app.register(async (scope) =>
    invitationRoutes(scope, {
      ...withStores(ctx, ['invitations']),
      invitations: services.invitations,
      audit: services.audit,
      publicOrigin: services.publicOrigin,
      secure: services.secure,
    }),
  );
}
