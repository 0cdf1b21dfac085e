// Downloads as the collection offers them to this viewer: which sizes, which galleries, and
// the download PIN, asked for once (the server then lets this viewer's plain links through for
// a while). The links are ordinary `<a download>`s; only a PIN still to give holds one back.
import type { BeforeDownloadSettings, DownloadSize } from '@proofsheet/protocol';
import { ApiError, api, describeError } from './api.js';
import type { Envelope } from './responses.js';
import { byId, findById, h } from './ui.js';

/** What this viewer may download of a collection. */
export interface DownloadOffer {
  collectionId: number;
  /** Sizes offered, largest first; empty: no downloads. */
  sizes: readonly DownloadSize[];
  /** The galleries that may be downloaded. */
  galleries: ReadonlySet<number>;
  /** The PIN must still be given before a download starts. */
  pinNeeded: boolean;
}

const SIZE_LABELS: Record<DownloadSize, string> = {
  original: 'Original',
  high: 'High resolution',
  web: 'Web size',
};

/** What a size is called on a button. */
export function sizeLabel(size: DownloadSize): string {
  return SIZE_LABELS[size];
}

/** Asks the server what this viewer may download; nothing when it says no or cannot say. */
export async function loadDownloadOffer(collectionId: number): Promise<DownloadOffer> {
  const none: DownloadOffer = { collectionId, sizes: [], galleries: new Set(), pinNeeded: false };
  try {
    const { data } = await api<Envelope<BeforeDownloadSettings>>(
      'GET',
      `/api/v1/collections/${collectionId}/before_download_settings`,
    );
    if (!data.allowed) return none;
    return {
      collectionId,
      sizes: data.sizes,
      galleries: new Set(data.galleries.filter((g) => g.allowed).map((g) => g.gallery_id)),
      pinNeeded: data.pin_required && !data.pin_granted,
    };
  } catch {
    return none;
  }
}

/** Asks for the PIN in the page's `#pin-dialog`; resolves to whether it was right. */
function askForPin(offer: DownloadOffer): Promise<boolean> {
  const dialog = byId('pin-dialog', HTMLDialogElement);
  const form = byId('pin-form', HTMLFormElement);
  const input = byId('pin-input', HTMLInputElement);
  const error = byId('pin-error');
  const opener = document.activeElement;
  input.value = '';
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  return new Promise((resolve) => {
    const submit = async (event: SubmitEvent) => {
      if (event.submitter instanceof HTMLButtonElement && event.submitter.value === 'cancel')
        return;
      event.preventDefault();
      try {
        await api('POST', `/api/v1/collections/${offer.collectionId}/download_pin`, {
          pin: input.value.trim(),
        });
        close(true);
      } catch (thrown) {
        error.textContent =
          thrown instanceof ApiError && thrown.is('download_pin_wrong')
            ? 'That PIN is not right. Check it with your photographer.'
            : describeError(thrown);
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        input.select();
      }
    };
    const close = (granted: boolean) => {
      form.removeEventListener('submit', submit);
      dialog.removeEventListener('close', cancelled);
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(granted);
    };
    const cancelled = () => close(false);
    form.addEventListener('submit', submit);
    dialog.addEventListener('close', cancelled);
    dialog.showModal();
    input.focus();
  });
}

/**
 * A download link. While the PIN is still to be given, a click asks for it first and then
 * follows the link; afterwards links work as they are.
 */
function downloadLink(
  offer: DownloadOffer,
  href: string,
  label: string,
  attributes: Readonly<Record<string, string>> = {},
): HTMLAnchorElement {
  const link = h('a', { href, download: '', ...attributes }, label);
  link.addEventListener('click', async (event) => {
    if (!offer.pinNeeded || !findById('pin-dialog')) return;
    event.preventDefault();
    if (!(await askForPin(offer))) return;
    offer.pinNeeded = false;
    link.click();
  });
  return link;
}

/**
 * What downloads a thing in the sizes offered: one link when one size is, else a menu with a
 * link per size. `content` is what the link or the menu's button shows; null: nothing offered.
 */
export function downloadControl(
  offer: DownloadOffer,
  hrefOf: (size: DownloadSize) => string,
  options: { content: ReadonlyArray<Node | string>; name: string; buttonClass: string },
): HTMLElement | null {
  const [only, ...more] = offer.sizes;
  if (only === undefined) return null;
  if (more.length === 0) {
    const link = downloadLink(offer, hrefOf(only), '', {
      class: options.buttonClass,
      'aria-label': `${options.name} (${sizeLabel(only).toLowerCase()})`,
    });
    link.replaceChildren(...options.content);
    return link;
  }
  const menu = h(
    'details',
    { class: 'menu' },
    h('summary', { class: options.buttonClass, 'aria-label': options.name }, ...options.content),
    h(
      'div',
      { class: 'menu-list' },
      offer.sizes.map((size) => downloadLink(offer, hrefOf(size), sizeLabel(size))),
    ),
  );
  // A chosen size closes the menu; so do Escape and a click elsewhere.
  menu.addEventListener('click', (event) => {
    if (event.target instanceof HTMLAnchorElement) menu.open = false;
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu.open) {
      event.stopPropagation();
      event.preventDefault();
      menu.open = false;
      menu.querySelector('summary')?.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (menu.open && event.target instanceof Node && !menu.contains(event.target))
      menu.open = false;
  });
  return menu;
}
