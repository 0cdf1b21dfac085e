// Studio → Outbox: every email the server sent or will send, newest first; one opened below.
import type { OutboxMessage, OutboxPage } from '@proofsheet/protocol';
import { api } from './api.js';
import { linkedText } from './linked-text.js';
import { byId, formatDate, h, reportError } from './ui.js';

const list = byId('outbox-list');
const viewer = byId('outbox-message');
let page = 1;

const STATUS_LABELS: Record<OutboxMessage['status'], string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
};

function show(m: OutboxMessage): void {
  const where = m.transport === 'smtp' ? 'by SMTP' : 'to this outbox (no SMTP server is set up)';
  viewer.replaceChildren(
    h('h2', { id: 'message-subject', tabindex: '-1' }, m.subject),
    h(
      'dl',
      { class: 'meta' },
      h('dt', {}, 'To'),
      h('dd', {}, m.to),
      h('dt', {}, 'From'),
      h('dd', {}, m.from),
      h('dt', {}, 'Status'),
      h('dd', { id: 'message-status' }, `${STATUS_LABELS[m.status]}, ${where}`),
      m.last_error ? h('dt', {}, 'Last error') : null,
      m.last_error ? h('dd', {}, m.last_error) : null,
    ),
    h('pre', { class: 'message-text', id: 'message-text' }, ...linkedText(m.text)),
  );
  viewer.hidden = false;
  byId('message-subject').focus();
}

function render(body: OutboxPage): void {
  list.replaceChildren();
  if (body.data.length === 0) list.append(h('li', { class: 'empty' }, 'No email sent yet.'));
  for (const m of body.data) {
    list.append(
      h(
        'li',
        { class: 'row', 'data-id': m.id },
        h(
          'div',
          { class: 'row-main' },
          h('strong', {}, m.subject),
          h('span', {}, `To ${m.to} · ${STATUS_LABELS[m.status]}`),
          h('time', { class: 'muted', datetime: m.created_at }, formatDate(m.created_at)),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            'aria-label': `Open “${m.subject}” to ${m.to}`,
            onclick: () => show(m),
          },
          'Open',
        ),
      ),
    );
  }
  const { current_page, last_page, total } = body.meta;
  byId('outbox-summary').textContent = `${total} message${total === 1 ? '' : 's'}.`;
  byId('outbox-prev', HTMLButtonElement).disabled = current_page <= 1;
  byId('outbox-next', HTMLButtonElement).disabled = current_page >= last_page;
}

async function load(): Promise<void> {
  try {
    render(await api<OutboxPage>('GET', `/api/v1/outbox?page=${page}`));
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

byId('outbox-prev').addEventListener('click', () => {
  page = Math.max(1, page - 1);
  void load();
});
byId('outbox-next').addEventListener('click', () => {
  page += 1;
  void load();
});
void load();
