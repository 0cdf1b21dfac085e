// Gallery → Collections: the list (a gallery client sees only what is shared with them), and
// for staff a form to create one. Renaming and galleries are on each collection's page.
import type { Collection } from '@proofsheet/protocol';
import { api } from './api.js';
import { restoreDraft } from './drafts.js';
import type { Envelope, Page } from './responses.js';
import { announce, byId, h, onSubmit, reportError } from './ui.js';

const PER_PAGE = 20;
const staff = document.body.dataset.role !== 'gallery_client';
const list = byId('collection-list');
const form = byId('collection-form', HTMLFormElement);
const prev = byId('prev-page', HTMLButtonElement);
const next = byId('next-page', HTMLButtonElement);

function currentPage(): number {
  return Math.max(1, Number(new URLSearchParams(location.search).get('page')) || 1);
}

function goToPage(page: number): void {
  history.replaceState(null, '', page > 1 ? `?page=${page}` : location.pathname);
  load();
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

async function load(): Promise<void> {
  try {
    const page = currentPage();
    const body = await api<Page<Collection>>(
      'GET',
      `/api/v1/collections?page=${page}&per_page=${PER_PAGE}`,
    );
    list.replaceChildren();
    if (body.data.length === 0) {
      list.append(
        h(
          'li',
          { class: 'empty' },
          staff
            ? 'No collections yet. Create the first one above.'
            : 'Nothing is shared with you yet.',
        ),
      );
    }
    for (const c of body.data) {
      list.append(
        h(
          'li',
          { class: 'row', 'data-id': c.id },
          h(
            'div',
            { class: 'row-main' },
            h('a', { href: `/app/collections/${c.id}` }, c.name),
            h(
              'span',
              { class: 'muted' },
              [
                plural(c.gallery_count, 'gallery', 'galleries'),
                plural(c.photo_count, 'photo', 'photos'),
                c.shared_with.length > 0 ? `shared with ${c.shared_with.join(', ')}` : null,
                c.invited.length > 0 ? `invited: ${c.invited.join(', ')}` : null,
              ]
                .filter(Boolean)
                .join(' · '),
            ),
          ),
        ),
      );
    }
    const m = body.meta;
    byId('list-summary').textContent =
      m.total === 0 ? '' : `${plural(m.total, 'collection', 'collections')}.`;
    byId('page-info').textContent = `Page ${m.current_page} of ${m.last_page}`;
    prev.disabled = m.current_page <= 1;
    next.disabled = m.current_page >= m.last_page;
    if (prev.parentElement) prev.parentElement.hidden = m.last_page <= 1;
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

if (staff) {
  byId('collection-editor').hidden = false;
  if (restoreDraft(form)) announce('We kept what you typed before signing in. Check it and save.');
  onSubmit(form, async (values) => {
    const body = await api<Envelope<Collection>>('POST', '/api/v1/collections', values);
    form.reset();
    await load();
    announce(`Created the collection “${body.data.name}”.`);
    list.querySelector<HTMLElement>(`li[data-id="${body.data.id}"] a`)?.focus();
  });
}
prev.addEventListener('click', () => goToPage(currentPage() - 1));
next.addEventListener('click', () => goToPage(currentPage() + 1));

load();
