// Studio → Clients: search, type filter, pages; one form to create and edit; delete with
// confirmation. The page's state lives in the query string, so that a reload (or a trip to the
// sign-in page) comes back to the same list and the same open form.
import type { Client, ClientPage } from '@proofsheet/protocol';
import { api } from './api.js';
import { hasDraft, restoreDraft } from './drafts.js';
import { fieldNamed } from './fields.js';
import type { Envelope } from './responses.js';
import {
  announce,
  busy,
  byId,
  checkRequired,
  clearFieldErrors,
  confirmAction,
  formValues,
  h,
  reportError,
  showError,
} from './ui.js';
import { loadUnread } from './unread-badge.js';

const PER_PAGE = 20;
const FIELDS = ['first_name', 'last_name', 'email', 'phone', 'company', 'type', 'notes'] as const;
const canDelete = document.body.dataset.role === 'owner';
const form = byId('client-form', HTMLFormElement);
const editor = byId('client-editor');
const rows = byId('client-rows');
const query = byId('q', HTMLInputElement);
const types = byId('types', HTMLSelectElement);
const prev = byId('prev-page', HTMLButtonElement);
const next = byId('next-page', HTMLButtonElement);
const newClient = byId('new-client', HTMLButtonElement);
let lastMeta: ClientPage['meta'] | null = null;
let opener: Element | null = null;

/** What the query string says the page shows. */
interface State {
  page: number;
  q: string;
  types: string;
  edit: string | null;
  creating: boolean;
}

function state(): State {
  const q = new URLSearchParams(location.search);
  return {
    page: Math.max(1, Number(q.get('page')) || 1),
    q: q.get('q') ?? '',
    types: q.get('types') ?? 'all',
    edit: q.get('edit'),
    creating: q.get('new') === '1',
  };
}

function setState(changes: Record<string, string | number | null>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const search = q.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

function fullName(c: Client): string {
  return [c.first_name, c.last_name].filter(Boolean).join(' ');
}

function renderRows(clients: readonly Client[], s: State): void {
  rows.replaceChildren();
  if (clients.length === 0) {
    const text = s.q ? `No clients match “${s.q}”.` : 'No clients yet. Add your first one.';
    rows.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, text)));
    return;
  }
  for (const c of clients) {
    const name = fullName(c);
    rows.append(
      h(
        'tr',
        { 'data-id': c.id },
        h('th', { scope: 'row' }, name),
        h('td', { class: 'email' }, c.email ?? '—'),
        h('td', { class: 'wide-only' }, c.company ?? '—'),
        h('td', { class: 'type' }, h('span', { class: `tag tag-${c.type}` }, c.type_formatted)),
        h(
          'td',
          { class: 'row-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              'data-action': 'edit',
              'aria-label': `Edit ${name}`,
              onclick: (e) =>
                openEditor(c, e.currentTarget instanceof Element ? e.currentTarget : null),
            },
            'Edit',
          ),
          canDelete &&
            h(
              'button',
              {
                type: 'button',
                class: 'danger small',
                'aria-label': `Delete ${name}`,
                onclick: () => remove(c),
              },
              'Delete',
            ),
        ),
      ),
    );
  }
}

async function load(): Promise<void> {
  const s = state();
  query.value = s.q;
  types.value = s.types;
  const params = new URLSearchParams({ page: String(s.page), per_page: String(PER_PAGE) });
  if (s.types !== 'all') params.set('types', s.types);
  if (s.q) params.set('q', s.q);
  const path = s.q ? '/api/v1/clients/search' : '/api/v1/clients/';
  const table = rows.parentElement;
  table?.setAttribute('aria-busy', 'true');
  try {
    const body = await api<ClientPage>('GET', `${path}?${params}`);
    lastMeta = body.meta;
    renderRows(body.data, s);
    const m = body.meta;
    byId('list-summary').textContent =
      m.total === 0
        ? 'No clients to show.'
        : `Showing ${m.from}–${m.to} of ${m.total} ${m.total === 1 ? 'contact' : 'contacts'}.`;
    byId('page-info').textContent = `Page ${m.current_page} of ${m.last_page}`;
    prev.disabled = m.current_page <= 1;
    next.disabled = m.current_page >= m.last_page;
  } catch (error) {
    reportError(error);
  } finally {
    table?.removeAttribute('aria-busy');
  }
}

function fill(client: Client | null): void {
  for (const name of FIELDS) {
    fieldNamed(form, name).value = client?.[name] ?? (name === 'type' ? 'client' : '');
  }
}

function openEditor(client: Client | null, from?: Element | null): void {
  opener = from ?? document.activeElement;
  clearFieldErrors(form);
  showError('');
  fill(client);
  form.dataset.id = client?.id ?? '';
  byId('editor-title').textContent = client ? `Edit ${fullName(client)}` : 'New client';
  byId('save-client').textContent = client ? 'Save changes' : 'Create client';
  editor.hidden = false;
  setState(client ? { edit: client.id, new: null } : { new: 1, edit: null });
  fieldNamed(form, 'first_name').focus();
}

function closeEditor(): void {
  editor.hidden = true;
  form.reset();
  setState({ edit: null, new: null });
  const id = form.dataset.id;
  const again = id
    ? rows.querySelector<HTMLElement>(`tr[data-id="${id}"] [data-action="edit"]`)
    : null;
  const back = opener instanceof HTMLElement && opener.isConnected ? opener : newClient;
  (again ?? back).focus();
}

async function save(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  clearFieldErrors(form);
  showError('');
  if (!checkRequired(form)) return;
  const values = formValues(form);
  const id = form.dataset.id;
  await busy(form, async () => {
    try {
      const body = id
        ? await api<Envelope<Client>>('PUT', `/api/v1/clients/${encodeURIComponent(id)}`, values)
        : await api<Envelope<Client>>('POST', '/api/v1/clients/', values);
      const name = fullName(body.data);
      await load();
      closeEditor();
      announce(id ? `Saved ${name}.` : `Created ${name}.`);
      if (!id) loadUnread();
    } catch (error) {
      reportError(error, form);
    }
  });
}

async function remove(client: Client): Promise<void> {
  const name = fullName(client);
  if (!(await confirmAction(`Delete ${name}? This cannot be undone.`))) return;
  try {
    await api('DELETE', `/api/v1/clients/${encodeURIComponent(client.id)}`);
    const s = state();
    if (lastMeta && lastMeta.from === lastMeta.to && s.page > 1) setState({ page: s.page - 1 });
    await load();
    announce(`Deleted ${name}.`);
    newClient.focus();
  } catch (error) {
    reportError(error);
  }
}

byId('client-search').addEventListener('submit', (event) => {
  event.preventDefault();
  setState({ q: query.value.trim(), types: types.value, page: null });
  load();
});
types.addEventListener('change', () => {
  setState({ types: types.value, page: null });
  load();
});
prev.addEventListener('click', () => {
  setState({ page: Math.max(1, state().page - 1) });
  load();
});
next.addEventListener('click', () => {
  setState({ page: state().page + 1 });
  load();
});
newClient.addEventListener('click', (e) =>
  openEditor(null, e.currentTarget instanceof Element ? e.currentTarget : null),
);
byId('cancel-client').addEventListener('click', closeEditor);
editor.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeEditor();
});
form.addEventListener('submit', save);

async function start(): Promise<void> {
  const s = state();
  await load();
  loadUnread();
  // Reopen the form the person had open, and put back what they had typed.
  if (s.edit) {
    try {
      const body = await api<Envelope<Client>>(
        'GET',
        `/api/v1/clients/${encodeURIComponent(s.edit)}`,
      );
      openEditor(body.data);
    } catch (error) {
      setState({ edit: null });
      reportError(error);
      return;
    }
  } else if (s.creating || hasDraft('client')) {
    openEditor(null);
  }
  if (!editor.hidden && restoreDraft(form)) {
    announce('We kept what you typed before signing in. Check it and save.');
  }
}

start();
