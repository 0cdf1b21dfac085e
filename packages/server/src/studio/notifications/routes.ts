import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Envelope,
  MarkedCount,
  Notification,
  NotificationList,
  NotificationListQuery,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { requireId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import { toNotification } from './view.js';

/** How many notifications a list shows when the request does not say. */
export const DEFAULT_NOTIFICATION_LIMIT = 50;

/** The studio's notifications: list newest first, mark one or all read. Staff only. */
export async function notificationRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<'notifications'>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const notifications = ctx.storage.notifications;
  const tags = ['Notifications'];

  app.get(
    '/notifications/all',
    {
      schema: {
        operationId: 'listNotifications',
        summary: "The studio's notifications, newest first",
        description:
          'Staff only. `unread=true` for the unread ones; `meta.unread_count` counts them.',
        tags,
        querystring: NotificationListQuery,
        response: responses({ 200: NotificationList }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const { items, total, unread } = await notifications.list(signedIn(request).login.accountId, {
        unreadOnly: request.query.unread === true,
        limit: request.query.limit ?? DEFAULT_NOTIFICATION_LIMIT,
      });
      return { data: items.map(toNotification), meta: { unread_count: unread, total } };
    },
  );

  // Declared before `:id/read` for clarity; the two never match the same path.
  const readAll = {
    schema: {
      operationId: 'markAllNotificationsRead',
      summary: 'Mark every notification read',
      tags,
      response: responses({ 200: MarkedCount }),
    },
    config: { roles: STAFF },
  };
  app.post('/notifications/read_all', readAll, async (request) => {
    const marked = await notifications.markAllRead(
      signedIn(request).login.accountId,
      ctx.clock.now(),
    );
    return { data: { marked } };
  });

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        summary: 'Mark one notification read',
        tags,
        params: IdParams,
        response: responses({ 200: Envelope(Notification) }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const id = requireId('notification', request.params.id);
      const read = await notifications.markRead(
        signedIn(request).login.accountId,
        id,
        ctx.clock.now(),
      );
      if (!read) throw new AppError('not_found', `No notification found with ID: ${id}`);
      return { data: toNotification(read) };
    },
  );
}
