import type { Notification } from '@proofsheet/protocol';
import { formatTimestamp } from '../../http/timestamp.js';
import type { NotificationRecord } from '../../storage/ports/notification-store.js';

/** A notification as the API shows it. */
export function toNotification(n: NotificationRecord): Notification {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    message: n.message,
    subject: n.subject,
    read: n.readAt !== null,
    read_at: n.readAt === null ? null : formatTimestamp(n.readAt),
    created_at: formatTimestamp(n.createdAt),
  };
}
