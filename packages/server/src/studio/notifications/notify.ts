import { type NotificationType, newId } from '@proofsheet/protocol';
import type { ResourceContext } from '../../app-context.js';
import type { NotificationRecord } from '../../storage/ports/notification-store.js';

/** What an event says; the id, account and time are filled in. */
export interface NotificationEvent {
  type: NotificationType;
  title: string;
  message: string;
  subject: Record<string, string | number>;
}

/** Records a notification for the studio's staff. Both APIs' events land in one list. */
export async function notify(
  ctx: Pick<ResourceContext<'notifications'>, 'storage' | 'clock' | 'random'>,
  accountId: string,
  event: NotificationEvent,
): Promise<NotificationRecord> {
  const record: NotificationRecord = {
    id: newId('notification', (n) => ctx.random.bytes(n)),
    accountId,
    ...event,
    readAt: null,
    createdAt: ctx.clock.now(),
  };
  await ctx.storage.notifications.create(record);
  return record;
}
