// Gallery → Collections: the list (a gallery client sees only what is shared with them), and
// for staff a form to create one. Renaming and galleries are on each collection's page.
import { api } from './api.js';
import { restoreDraft } from './drafts.js';
import {
  announce,
  busy,
  byId,
  checkRequired,
  clearFieldErrors,
  formValues,
  h,
  reportError,
  showError,
} from './ui.js';

const PER_PAGE = 20;
const staff = document.body.dataset.role !== 'gallery_client';
const list = byId('collection-list');
const form = byId('collection-form');

function currentPage() {
  return Math.max(1, Number(new URLSearchParams(location.search).get('page')) || 1);
}

function goToPage(page) {
  history.replaceState(null, '', page > 1 ? `?page=${page}` : location.pathname);
  load();
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

async function load() {
  try {
    const page = currentPage();
    const body = await api('GET', `/api/v1/collections?page=${page}&per_page=${PER_PAGE}`);
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
    byId('prev-page').disabled = m.current_page <= 1;
    byId('next-page').disabled = m.current_page >= m.last_page;
    byId('prev-page').parentElement.hidden = m.last_page <= 1;
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

if (staff) {
  byId('collection-editor').hidden = false;
  if (restoreDraft(form)) announce('We kept what you typed before signing in. Check it and save.');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    showError('');
    if (!checkRequired(form)) return;
    await busy(form, async () => {
      try {
        const body = await api('POST', '/api/v1/collections', formValues(form));
        form.reset();
        await load();
        announce(`Created the collection “${body.data.name}”.`);
        list.querySelector(`li[data-id="${body.data.id}"] a`)?.focus();
      } catch (error) {
        reportError(error, form);
      }
    });
  });
}
byId('prev-page').addEventListener('click', () => goToPage(currentPage() - 1));
byId('next-page').addEventListener('click', () => goToPage(currentPage() + 1));

load();
