// Studio → Notifications: newest first, mark one or all as read.
import type { Notification, NotificationList } from '@proofsheet/protocol';
import { api } from './api.js';
import { announce, byId, formatDate, h, reportError } from './ui.js';
import { setUnread } from './unread-badge.js';

const list = byId('notification-list');
const readAll = byId('read-all', HTMLButtonElement);

function render(body: NotificationList): void {
  const unread = body.meta.unread_count;
  setUnread(unread);
  byId('unread-summary').textContent =
    unread === 0 ? 'You are all caught up.' : `${unread} unread of ${body.meta.total}.`;
  readAll.disabled = unread === 0;
  list.replaceChildren();
  if (body.data.length === 0) {
    list.append(h('li', { class: 'empty' }, 'No notifications yet.'));
  }
  for (const n of body.data) {
    list.append(
      h(
        'li',
        { class: n.read ? 'row' : 'row unread', 'data-id': n.id },
        h(
          'div',
          { class: 'row-main' },
          h(
            'strong',
            {},
            n.read ? '' : h('span', { class: 'visually-hidden' }, 'Unread: '),
            n.title,
          ),
          h('span', {}, n.message),
          h('time', { class: 'muted', datetime: n.created_at }, formatDate(n.created_at)),
        ),
        n.read
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'secondary small',
                'aria-label': `Mark “${n.title}” as read`,
                onclick: () => markRead(n),
              },
              'Mark as read',
            ),
      ),
    );
  }
}

async function load(): Promise<void> {
  try {
    render(await api<NotificationList>('GET', '/api/v1/notifications/all'));
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function markRead(n: Notification): Promise<void> {
  try {
    await api('POST', `/api/v1/notifications/${encodeURIComponent(n.id)}/read`);
    await load();
    announce(`Marked “${n.title}” as read.`);
    byId('page-title').focus();
  } catch (error) {
    reportError(error);
  }
}

readAll.addEventListener('click', async () => {
  try {
    await api('POST', '/api/v1/notifications/read_all');
    await load();
    announce('All notifications marked as read.');
  } catch (error) {
    reportError(error);
  }
});

load();
