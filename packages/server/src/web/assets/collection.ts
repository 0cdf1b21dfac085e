// Gallery → one collection: rename or delete it, and list, add, rename and delete its
// galleries, each linking to its own page. A gallery client sees the client view instead:
// the cover, the galleries shared with them, their photos.
import type { Collection, Gallery } from '@proofsheet/protocol';
import { api } from './api.js';
import { mountClientGallery } from './client-gallery.js';
import { loadDownloadOffer } from './downloads.js';
import { restoreDraft } from './drafts.js';
import { fieldNamed } from './fields.js';
import type { Envelope } from './responses.js';
import {
  announce,
  busy,
  byId,
  checkRequired,
  clearFieldErrors,
  confirmAction,
  h,
  onSubmit,
  reportError,
} from './ui.js';

const role = document.body.dataset.role;
const staff = role !== 'gallery_client';
const owner = role === 'owner';
const id = location.pathname.split('/').filter(Boolean).pop() ?? '';
const base = `/api/v1/collections/${encodeURIComponent(id)}`;
const list = byId('gallery-list');
const renameForm = byId('rename-form', HTMLFormElement);
const galleryForm = byId('gallery-form', HTMLFormElement);

function showCollection(c: Collection): void {
  byId('page-title').textContent = c.name;
  document.title = `${c.name} · Proofsheet Galleries`;
  byId('collection-details').textContent = [
    c.description,
    c.shared_with.length > 0 ? `Shared with ${c.shared_with.join(', ')}` : 'Not shared yet',
    // Addresses with no account yet: the collection is theirs once they accept the invitation.
    c.invited.length > 0 ? `Invited: ${c.invited.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function galleryRow(g: Gallery): HTMLLIElement {
  const row = h('li', { class: 'row', 'data-id': g.id });
  const main = h(
    'div',
    { class: 'row-main' },
    h('a', { href: `/app/collections/${encodeURIComponent(id)}/galleries/${g.id}` }, g.name),
    h(
      'span',
      { class: 'muted' },
      `${g.photo_count} photos · ${g.video_count} videos${g.private ? ' · private' : ''}`,
    ),
  );
  const actions = h('div', { class: 'actions' });
  if (staff) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          'aria-label': `Rename ${g.name}`,
          onclick: () => startRename(row, g),
        },
        'Rename',
      ),
    );
  }
  if (owner) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'danger small',
          'aria-label': `Delete ${g.name}`,
          onclick: () => removeGallery(g),
        },
        'Delete',
      ),
    );
  }
  row.append(main, actions);
  return row;
}

/** Turns a row into a small labelled form; Escape or Cancel puts it back. */
function startRename(row: HTMLLIElement, g: Gallery): void {
  const inputId = `rename-gallery-${g.id}`;
  const input = h('input', { id: inputId, name: 'name', required: true, value: g.name });
  const error = h('p', { class: 'field-error', id: `${inputId}-error`, hidden: true });
  const cancel = () => {
    const fresh = galleryRow(g);
    row.replaceWith(fresh);
    fresh.querySelector('button')?.focus();
  };
  const form = h(
    'form',
    { class: 'inline-form row-main', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: inputId }, `New name for ${g.name}`),
      input,
      error,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'small' }, 'Save name'),
      h('button', { type: 'button', class: 'secondary small', onclick: cancel }, 'Cancel'),
    ),
  );
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') cancel();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    if (!checkRequired(form)) return;
    await busy(form, async () => {
      try {
        const body = await api<Envelope<Gallery>>('PUT', `${base}/galleries/${g.id}`, {
          name: input.value.trim(),
        });
        await loadGalleries();
        announce(`Renamed the gallery to “${body.data.name}”.`);
        list.querySelector<HTMLElement>(`li[data-id="${g.id}"] button`)?.focus();
      } catch (error) {
        reportError(error, form);
      }
    });
  });
  row.replaceChildren(form);
  input.focus();
  input.select();
}

async function loadGalleries(): Promise<void> {
  try {
    const body = await api<Envelope<Gallery[]>>('GET', `${base}/galleries`);
    list.replaceChildren(...body.data.map(galleryRow));
    if (body.data.length === 0) list.append(h('li', { class: 'empty' }, 'No galleries yet.'));
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function removeGallery(g: Gallery): Promise<void> {
  if (!(await confirmAction(`Delete the gallery “${g.name}”? This cannot be undone.`))) return;
  try {
    await api('DELETE', `${base}/galleries/${g.id}`);
    await loadGalleries();
    announce(`Deleted the gallery “${g.name}”.`);
    byId('galleries-title').setAttribute('tabindex', '-1');
    byId('galleries-title').focus();
  } catch (error) {
    reportError(error);
  }
}

/** What a gallery client sees: the collection's galleries as the client view. */
async function showClientView(collection: Collection): Promise<void> {
  byId('galleries').hidden = true;
  byId('collection-details').hidden = true;
  let galleries: Gallery[];
  try {
    galleries = (await api<Envelope<Gallery[]>>('GET', `${base}/galleries`)).data;
  } catch (error) {
    reportError(error);
    return;
  }
  await mountClientGallery({
    collection,
    galleries,
    canFavorite: true,
    downloads: await loadDownloadOffer(collection.id),
  });
}

async function start(): Promise<void> {
  let collection: Collection;
  try {
    collection = (await api<Envelope<Collection>>('GET', base)).data;
  } catch (error) {
    list.removeAttribute('aria-busy');
    reportError(error);
    return;
  }
  showCollection(collection);
  if (!staff) {
    await showClientView(collection);
    return;
  }
  await loadGalleries();
  byId('collection-settings').hidden = false;
  byId('gallery-editor').hidden = false;
  byId('delete-collection').hidden = !owner;
  fieldNamed(renameForm, 'name').value = collection.name;
  const restored = [restoreDraft(renameForm), restoreDraft(galleryForm)].some(Boolean);
  if (restored) announce('We kept what you typed before signing in. Check it and save.');

  onSubmit(renameForm, async (values) => {
    const body = await api<Envelope<Collection>>('PUT', base, { name: values.name });
    showCollection(body.data);
    announce(`Renamed the collection to “${body.data.name}”.`);
  });
  onSubmit(galleryForm, async (values) => {
    const body = await api<Envelope<Gallery>>('POST', `${base}/galleries`, { name: values.name });
    galleryForm.reset();
    await loadGalleries();
    announce(`Added the gallery “${body.data.name}”.`);
    fieldNamed(galleryForm, 'name').focus();
  });
  byId('delete-collection').addEventListener('click', async () => {
    const name = byId('page-title').textContent;
    const question = `Delete the collection “${name}” and all its galleries? This cannot be undone.`;
    if (!(await confirmAction(question))) return;
    try {
      await api('DELETE', base);
      location.assign('/app/collections');
    } catch (error) {
      reportError(error);
    }
  });
}

start();
