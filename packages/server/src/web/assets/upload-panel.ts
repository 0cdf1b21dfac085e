// The studio's upload area: files dropped anywhere on the page or picked with the file input
// go into the upload queue; each gets a row with its progress, and a Retry button when it
// failed for a reason that trying again may fix.
import type { Photo } from '@proofsheet/protocol';
import { announce, h } from './ui.js';
import {
  createUploadQueue,
  type UploadItem,
  type UploadQueue,
  type UploadState,
} from './upload-queue.js';
import { describeUploadError, uploadPhoto } from './upload-transport.js';

export interface UploadPanelOptions {
  galleryId: number;
  dropzone: HTMLElement;
  input: HTMLInputElement;
  list: HTMLElement;
  summary: HTMLElement;
  /** A file was stored: its photo, `processing`. */
  onUploaded(photo: Photo): void;
}

const STATE_TEXT: Record<UploadState, string> = {
  queued: 'Waiting',
  uploading: 'Uploading',
  done: 'Uploaded',
  failed: 'Failed',
};

function percent(item: Readonly<UploadItem<Photo>>): number {
  return item.size > 0 ? Math.floor((100 * item.loaded) / item.size) : 0;
}

/** Whether a drag carries files from outside the page (not a tile being moved). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') === true;
}

/** Wires the upload area; returns the queue, for the page to ask whether uploads are running. */
export function mountUploadPanel(options: UploadPanelOptions): UploadQueue<File, Photo> {
  const { dropzone, input, list, summary } = options;
  const rows = new Map<number, HTMLLIElement>();

  const queue: UploadQueue<File, Photo> = createUploadQueue<File, Photo>({
    send: (file, onProgress) => uploadPhoto(options.galleryId, file, onProgress),
    describe: describeUploadError,
    onChange: (item) => {
      renderRow(item);
      renderSummary();
      if (item.state === 'done' && item.result) options.onUploaded(item.result);
    },
  });

  function renderRow(item: Readonly<UploadItem<Photo>>): void {
    const state =
      item.state === 'uploading'
        ? `${percent(item)} %`
        : item.state === 'failed'
          ? (item.error ?? STATE_TEXT.failed)
          : STATE_TEXT[item.state];
    let row = rows.get(item.id);
    if (!row) {
      row = h(
        'li',
        { class: 'upload', 'data-id': item.id },
        h('span', { class: 'upload-name', title: item.name }, item.name),
        h('span', { class: 'upload-state' }),
        h('span', { class: 'upload-retry' }),
        h('progress', { max: Math.max(1, item.size), value: 0, 'aria-label': item.name }),
      );
      rows.set(item.id, row);
      list.append(row);
    }
    row.className = `upload ${item.state}`;
    row.dataset.state = item.state;
    const stateEl = row.querySelector('.upload-state');
    if (stateEl) stateEl.textContent = state;
    const progress = row.querySelector('progress');
    if (progress) progress.value = item.loaded;
    const retry = row.querySelector('.upload-retry');
    if (retry) {
      const offer = item.state === 'failed' && item.retryable;
      if (offer && !retry.firstChild) {
        retry.append(
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': `Retry ${item.name}`,
              onclick: () => queue.retry(item.id),
            },
            'Retry',
          ),
        );
      } else if (!offer) retry.replaceChildren();
    }
  }

  let announcedIdle = true;
  function renderSummary(): void {
    const c = queue.counts();
    const total = c.queued + c.uploading + c.done + c.failed;
    const running = c.queued + c.uploading;
    if (total === 0) {
      summary.textContent = '';
      return;
    }
    const failed = c.failed > 0 ? ` · ${c.failed} failed` : '';
    if (running > 0) {
      announcedIdle = false;
      summary.textContent = `Uploading ${c.uploading} of ${running} left · ${c.done} done${failed}`;
      return;
    }
    summary.textContent = `${c.done} uploaded${failed}.`;
    if (!announcedIdle) {
      announcedIdle = true;
      announce(
        c.failed > 0
          ? `${c.done} uploaded, ${c.failed} failed.`
          : `${c.done === 1 ? 'The photo is' : `All ${c.done} photos are`} uploaded.`,
      );
    }
  }

  function addFiles(files: FileList | null): void {
    if (!files || files.length === 0) return;
    // A new batch after the last one finished starts a fresh list.
    const c = queue.counts();
    if (c.queued + c.uploading === 0) {
      for (const item of queue.items) {
        if (item.state === 'done') {
          rows.get(item.id)?.remove();
          rows.delete(item.id);
        }
      }
      queue.clearDone();
    }
    queue.add([...files].map((file) => ({ file, name: file.name, size: file.size })));
  }

  input.addEventListener('change', () => {
    addFiles(input.files);
    input.value = '';
  });

  // Files may be dropped anywhere on the page; the drop zone shows that they will be taken.
  let depth = 0;
  document.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    depth++;
    dropzone.classList.add('dragover');
  });
  document.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dropzone.classList.remove('dragover');
  });
  document.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    dropzone.classList.remove('dragover');
    addFiles(event.dataTransfer?.files ?? null);
  });

  // Leaving mid-upload would cut the files off: the browser asks first.
  window.addEventListener('beforeunload', (event) => {
    const c = queue.counts();
    if (c.queued + c.uploading > 0) event.preventDefault();
  });
  return queue;
}
