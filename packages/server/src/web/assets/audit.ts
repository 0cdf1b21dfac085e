// Studio → Audit log: the studio's security events, newest first, filtered by type (owners).
import type { AuditEvent, AuditEventsPage } from '@proofsheet/protocol';
import { api } from './api.js';
import { byId, formatDate, h, reportError } from './ui.js';

const rows = byId('audit-rows');
const filter = byId('audit-filter', HTMLFormElement);
const typeSelect = byId('audit-type', HTMLSelectElement);
const prev = byId('audit-prev', HTMLButtonElement);
const next = byId('audit-next', HTMLButtonElement);
let page = 1;
let type = '';

// The filter's options carry the labels (the server writes them from the protocol's list):
// one home for them. A type newer than this page is shown by its name.
const LABELS = new Map(
  [...typeSelect.options]
    .filter((o) => o.value !== '' && !o.hasAttribute('data-group'))
    .map((o) => [o.value, o.text]),
);

function who(e: AuditEvent): string {
  if (!e.user) return '—';
  return e.user.email ?? `${e.user.id} (deleted)`;
}

/** What the detail adds to the event's label, in words. */
function detailText(e: AuditEvent): string | null {
  const parts: string[] = [];
  if (e.detail.revoked_sessions !== undefined) {
    const n = e.detail.revoked_sessions;
    parts.push(`${n} other sign-in${n === 1 ? '' : 's'} ended`);
  }
  const reason = e.detail.reason?.replaceAll('_', ' ');
  // Said already when the label says it ("A sign-in with a wrong password").
  const label = (LABELS.get(e.type) ?? e.type).toLowerCase();
  if (reason && !label.includes(reason)) parts.push(reason);
  return parts.length > 0 ? parts.join(', ') : null;
}

function row(e: AuditEvent): HTMLTableRowElement {
  const detail = detailText(e);
  return h(
    'tr',
    { 'data-id': e.id, 'data-type': e.type },
    h('td', {}, h('time', { datetime: e.created_at }, formatDate(e.created_at))),
    h(
      'td',
      {},
      h('strong', {}, LABELS.get(e.type) ?? e.type),
      detail ? h('div', { class: 'muted' }, detail) : null,
    ),
    h('td', {}, who(e)),
    h('td', {}, e.ip ?? '—'),
    h('td', { class: 'wide-only muted' }, e.user_agent ?? '—'),
  );
}

function render(body: AuditEventsPage): void {
  rows.replaceChildren();
  if (body.data.length === 0) {
    rows.append(h('tr', {}, h('td', { colspan: '5', class: 'empty' }, 'No events.')));
  }
  for (const e of body.data) rows.append(row(e));
  const { current_page, last_page, total } = body.meta;
  byId('audit-summary').textContent = `${total} event${total === 1 ? '' : 's'}.`;
  byId('audit-page-info').textContent = `Page ${current_page} of ${last_page}`;
  prev.disabled = current_page <= 1;
  next.disabled = current_page >= last_page;
}

async function load(): Promise<void> {
  const params = new URLSearchParams({ page: String(page) });
  if (type !== '') params.set('type', type);
  rows.setAttribute('aria-busy', 'true');
  try {
    render(await api<AuditEventsPage>('GET', `/api/v1/audit_events?${params.toString()}`));
  } catch (error) {
    reportError(error);
  } finally {
    rows.removeAttribute('aria-busy');
  }
}

filter.addEventListener('submit', (event) => {
  event.preventDefault();
  type = typeSelect.value;
  page = 1;
  void load();
});
prev.addEventListener('click', () => {
  page = Math.max(1, page - 1);
  void load();
});
next.addEventListener('click', () => {
  page += 1;
  void load();
});
void load();
