// The unread count beside "Notifications" in the Studio's navigation.
import type { NotificationList } from '@proofsheet/protocol';
import { api } from './api.js';
import { findById } from './ui.js';

/** Shows `count` in the badge (hidden at zero). */
export function setUnread(count: number): void {
  const badge = findById('unread-badge');
  const number = findById('unread-count');
  if (!badge || !number) return;
  number.textContent = String(count);
  badge.hidden = !(count > 0);
}

/** Loads the count; a failure leaves the badge hidden rather than breaking the page. */
export async function loadUnread(): Promise<void> {
  if (!findById('unread-badge')) return;
  try {
    const body = await api<NotificationList | null>('GET', '/api/v1/notifications/all?limit=1');
    setUnread(body?.meta.unread_count ?? 0);
  } catch {
    setUnread(0);
  }
}
