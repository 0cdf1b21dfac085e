// The unread count beside "Notifications" in the Studio's navigation.
import { api } from './api.js';
import { byId } from './ui.js';

/** Shows `count` in the badge (hidden at zero). */
export function setUnread(count) {
  const badge = byId('unread-badge');
  const number = byId('unread-count');
  if (!badge || !number) return;
  number.textContent = String(count);
  badge.hidden = !(count > 0);
}

/** Loads the count; a failure leaves the badge hidden rather than breaking the page. */
export async function loadUnread() {
  if (!byId('unread-badge')) return;
  try {
    const body = await api('GET', '/api/v1/notifications/all?limit=1');
    setUnread(body?.meta?.unread_count ?? 0);
  } catch {
    setUnread(0);
  }
}
