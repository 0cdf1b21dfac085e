// The studio's grid of a gallery's photos: each tile shows the thumbnail (its ThumbHash
// placeholder until the thumbnail is in, a shimmer while it is still processing, the reason
// when it failed) and the photographer's controls: cover, move earlier/later (or drag), hide,
// rename, delete. Tiles are kept by photo and rebuilt only when their photo changed, so that
// polling and reordering do not reload every image.
import type { Photo, PhotoUpdate } from '@proofsheet/protocol';
import { deletePhoto, updatePhoto } from './photo-api.js';
import { photoFrame, photoPicture } from './picture.js';
import { announce, confirmAction, h, reportError } from './ui.js';

/** The drag type of a tile being moved, so a drop of files is never taken for a move. */
const TILE_DRAG = 'application/x-proofsheet-photo';

/** What a tile's look depends on: when this changes, the tile is rebuilt. */
function tileKey(photo: Photo, first: boolean, last: boolean): string {
  return [photo.updated_at, photo.status, photo.cover, photo.hidden, photo.filename, first, last]
    .map(String)
    .join('|');
}

export interface StudioGrid {
  /** Shows these photos, in their order. */
  set(photos: readonly Photo[]): void;
  /** Adds a photo just uploaded at the end. */
  add(photo: Photo): void;
  /** Replaces a photo with its newer self (after processing, say). */
  replace(photo: Photo): void;
  /** The photos shown, in order. */
  readonly photos: readonly Photo[];
  /** Called after any change, for the page's summary and polling. */
  onChange: () => void;
}

function dimensions(photo: Photo): string {
  if (photo.status === 'processing') return 'Processing…';
  if (photo.status === 'failed') return 'Failed';
  const size = photo.width && photo.height ? `${photo.width} × ${photo.height}` : '';
  // Favorites by the collection's clients: what the studio looks at when it makes the album.
  const hearts = photo.favorite_count > 0 ? `♥ ${photo.favorite_count}` : '';
  return [photo.kind === 'video' ? 'Video' : '', size, hearts].filter(Boolean).join(' · ');
}

/** Puts the photo grid into `list`. */
export function createStudioGrid(list: HTMLElement): StudioGrid {
  let photos: Photo[] = [];
  const tiles = new Map<number, { key: string; el: HTMLLIElement }>();
  let dragged: number | null = null;

  const grid: StudioGrid = {
    set(next) {
      photos = [...next].sort((a, b) => a.position - b.position);
      render();
    },
    add(photo) {
      if (photos.some((p) => p.id === photo.id)) return grid.replace(photo);
      photos.push(photo);
      render();
    },
    replace(photo) {
      photos = photos.map((p) => (p.id === photo.id ? photo : p));
      render();
    },
    get photos() {
      return photos;
    },
    onChange: () => {},
  };

  function render(): void {
    // Moving a focused node blurs it: remember which control had focus, to give it back.
    const active = document.activeElement;
    const focusTile = active?.closest<HTMLElement>('li.tile')?.dataset.id;
    const focusAction = active instanceof HTMLElement ? active.dataset.action : undefined;

    const els = photos.map((photo, i) => {
      const key = tileKey(photo, i === 0, i === photos.length - 1);
      const kept = tiles.get(photo.id);
      if (kept && kept.key === key) return kept.el;
      const el = tile(photo, i === 0, i === photos.length - 1);
      tiles.set(photo.id, { key, el });
      return el;
    });
    for (const id of tiles.keys()) {
      if (!photos.some((p) => p.id === id)) tiles.delete(id);
    }
    const same =
      list.children.length === els.length && els.every((el, i) => list.children[i] === el);
    if (!same) list.replaceChildren(...els);
    if (photos.length === 0) list.append(h('li', { class: 'empty' }, 'No photos yet.'));
    list.removeAttribute('aria-busy');

    if (focusTile && focusAction && document.activeElement !== active) {
      const tileEl = list.querySelector<HTMLElement>(`li.tile[data-id="${focusTile}"]`);
      const button = tileEl?.querySelector<HTMLButtonElement>(`[data-action="${focusAction}"]`);
      const fallback = tileEl?.querySelector<HTMLButtonElement>('.tile-actions button:enabled');
      (button && !button.disabled ? button : fallback)?.focus();
    }
    grid.onChange();
  }

  /** Sends a change; the answer replaces the photo, or the error is shown. */
  async function change(photo: Photo, changes: PhotoUpdate, done: string): Promise<Photo | null> {
    try {
      const updated = await updatePhoto(photo.id, changes);
      announce(done);
      return updated;
    } catch (error) {
      reportError(error);
      return null;
    }
  }

  async function move(photo: Photo, position: number): Promise<void> {
    if (position < 1 || position > photos.length || position === photo.position) return;
    const updated = await change(photo, { position }, `Moved “${photo.filename}” to ${position}.`);
    if (!updated) return;
    // The server moves the others to make room, as this does: no need to reload them all.
    const rest = photos.filter((p) => p.id !== photo.id);
    rest.splice(updated.position - 1, 0, updated);
    photos = rest.map((p, i) => (p.position === i + 1 ? p : { ...p, position: i + 1 }));
    render();
  }

  async function setCover(photo: Photo): Promise<void> {
    const cover = !photo.cover;
    const said = cover
      ? `“${photo.filename}” is the cover.`
      : 'The cover is the first photo again.';
    const updated = await change(photo, { cover }, said);
    if (!updated) return;
    // Which photo is the cover now is the server's rule (the first one, when unset).
    photos = photos.map((p) =>
      p.id === updated.id ? updated : { ...p, cover: cover ? false : p.cover },
    );
    if (!cover) {
      const first = photos.find((p) => p.status === 'ready' && !p.hidden);
      if (first && first.id !== updated.id)
        photos = photos.map((p) => ({ ...p, cover: p === first }));
    }
    render();
  }

  async function toggleHidden(photo: Photo): Promise<void> {
    const hidden = !photo.hidden;
    const said = hidden
      ? `“${photo.filename}” is hidden from clients.`
      : `“${photo.filename}” is shown to clients.`;
    const updated = await change(photo, { hidden }, said);
    if (updated) grid.replace(updated);
  }

  async function remove(photo: Photo): Promise<void> {
    if (!(await confirmAction(`Delete “${photo.filename}”? This cannot be undone.`))) return;
    try {
      await deletePhoto(photo.id);
    } catch (error) {
      reportError(error);
      return;
    }
    const index = photos.findIndex((p) => p.id === photo.id);
    photos = photos
      .filter((p) => p.id !== photo.id)
      .map((p, i) => (p.position === i + 1 ? p : { ...p, position: i + 1 }));
    render();
    announce(`Deleted “${photo.filename}”.`);
    const next = list.querySelectorAll<HTMLElement>('li.tile')[Math.min(index, photos.length - 1)];
    (next?.querySelector<HTMLElement>('.tile-actions button') ?? list).focus();
  }

  function startRename(photo: Photo, body: HTMLElement, name: HTMLElement): void {
    const inputId = `rename-${photo.id}`;
    const input = h('input', {
      id: inputId,
      value: photo.filename,
      required: true,
      maxlength: 255,
      'aria-label': `New name for ${photo.filename}`,
    });
    const form = h(
      'form',
      { class: 'tile-rename', novalidate: true },
      input,
      h('button', { type: 'submit' }, 'Save'),
    );
    const cancel = () => {
      form.replaceWith(name);
      body.querySelector<HTMLElement>('[data-action="rename"]')?.focus();
    };
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') cancel();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const filename = input.value.trim();
      if (filename === '' || filename === photo.filename) return cancel();
      const updated = await change(photo, { filename }, `Renamed to “${filename}”.`);
      if (updated) {
        grid.replace(updated);
        list
          .querySelector<HTMLElement>(`li.tile[data-id="${photo.id}"] [data-action="rename"]`)
          ?.focus();
      }
    });
    name.replaceWith(form);
    input.focus();
    // Select the name without its extension, as file managers do.
    const dot = photo.filename.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : photo.filename.length);
  }

  function tile(photo: Photo, first: boolean, last: boolean): HTMLLIElement {
    const ready = photo.status === 'ready';
    const frame = photoFrame(
      h('div', { class: 'frame' }),
      photo.thumbhash,
      ready
        ? photoPicture(photo.urls, {
            sizes: ['thumbnail', 'preview'],
            sizesAttr: '(max-width: 640px) 50vw, 12rem',
            alt: photo.filename,
            lazy: true,
          })
        : null,
    );
    const badges = h(
      'div',
      { class: 'tile-badges' },
      photo.cover && h('span', { class: 'tile-badge cover' }, 'Cover'),
      photo.hidden && h('span', { class: 'tile-badge' }, 'Hidden'),
      photo.status === 'failed' && h('span', { class: 'tile-badge failed' }, 'Failed'),
    );
    frame.prepend(badges);
    if (photo.kind === 'video') {
      frame.append(h('span', { class: 'play-badge', 'aria-hidden': 'true' }, '▶'));
    }
    if (photo.status === 'failed') {
      frame.append(h('p', { class: 'failed-reason' }, photo.status_reason ?? 'Processing failed'));
    }
    const name = h('p', { class: 'tile-name', title: photo.filename }, photo.filename);
    const body = h('div', { class: 'tile-body' });
    const button = (
      action: string,
      label: string,
      attributes: Record<string, string | boolean>,
      run: () => void,
    ) => h('button', { type: 'button', 'data-action': action, ...attributes, onclick: run }, label);
    // Handlers read the photo as it is when clicked: a kept tile's photo may have moved since.
    const current = (run: (p: Photo) => unknown) => () => {
      const p = photos.find((q) => q.id === photo.id);
      if (p) void run(p);
    };
    const actions = h(
      'div',
      { class: 'tile-actions', role: 'group', 'aria-label': photo.filename },
      button(
        'earlier',
        '←',
        { 'aria-label': 'Move earlier', disabled: first },
        current((p) => move(p, p.position - 1)),
      ),
      button(
        'later',
        '→',
        { 'aria-label': 'Move later', disabled: last },
        current((p) => move(p, p.position + 1)),
      ),
      button(
        'cover',
        'Cover',
        { 'aria-pressed': String(photo.cover), disabled: !ready },
        current(setCover),
      ),
      button('hide', 'Hide', { 'aria-pressed': String(photo.hidden) }, current(toggleHidden)),
      button(
        'rename',
        'Rename',
        {},
        current((p) => startRename(p, body, name)),
      ),
      button('delete', 'Delete', { class: 'delete' }, current(remove)),
    );
    body.append(name, h('p', { class: 'tile-meta' }, dimensions(photo)), actions);
    const el = h(
      'li',
      {
        class: `tile${photo.hidden ? ' is-hidden' : ''}`,
        'data-id': photo.id,
        'data-status': photo.status,
        draggable: 'true',
      },
      frame,
      body,
    );
    wireDrag(el, photo);
    return el;
  }

  function wireDrag(el: HTMLLIElement, photo: Photo): void {
    el.addEventListener('dragstart', (event) => {
      // Dragging from a button or the rename box is not a move.
      if (event.target instanceof HTMLElement && event.target.closest('button, input')) return;
      dragged = photo.id;
      event.dataTransfer?.setData(TILE_DRAG, String(photo.id));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      el.classList.add('dragging');
    });
    el.addEventListener('dragend', () => {
      dragged = null;
      el.classList.remove('dragging');
      for (const t of list.querySelectorAll('.drop-target')) t.classList.remove('drop-target');
    });
    el.addEventListener('dragover', (event) => {
      if (!event.dataTransfer?.types.includes(TILE_DRAG) || dragged === photo.id) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      el.classList.add('drop-target');
    });
    el.addEventListener('dragleave', () => el.classList.remove('drop-target'));
    el.addEventListener('drop', (event) => {
      if (!event.dataTransfer?.types.includes(TILE_DRAG)) return;
      event.preventDefault();
      el.classList.remove('drop-target');
      const moving = photos.find((p) => p.id === Number(event.dataTransfer?.getData(TILE_DRAG)));
      // Dropped on a tile: it takes that tile's place (as it is now), and the others make room.
      const target = photos.find((p) => p.id === photo.id);
      if (moving && target) void move(moving, target.position);
    });
  }

  return grid;
}
