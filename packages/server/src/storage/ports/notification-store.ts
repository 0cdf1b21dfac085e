import type { NotificationType } from '@proofsheet/protocol';

export interface NotificationRecord {
  id: string;
  accountId: string;
  type: NotificationType;
  title: string;
  message: string;
  subject: Record<string, string | number>;
  readAt: Date | null;
  createdAt: Date;
}

export interface NotificationStore {
  create(notification: NotificationRecord): Promise<void>;
  /** Newest first. */
  list(
    accountId: string,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<{ items: NotificationRecord[]; total: number; unread: number }>;
  markRead(accountId: string, id: string, at: Date): Promise<NotificationRecord | null>;
  markAllRead(accountId: string, at: Date): Promise<number>;
}
