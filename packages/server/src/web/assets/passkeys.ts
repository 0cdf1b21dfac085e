// The account page's passkeys: list them, add one (the server's options, the browser's
// ceremony, the answer back), remove one. The two-factor status above says what they change.
import type {
  Passkey,
  PasskeyCreationOptionsResponse,
  PasskeyList,
  PasskeyRegistrationCredential,
  PasskeyResponse,
} from '@proofsheet/protocol';
import { api } from './api.js';
import { fieldNamed } from './fields.js';
import { browserSupportsWebAuthn, startRegistration, wasCancelled } from './passkey-ceremony.js';
import {
  announce,
  busy,
  byId,
  confirmAction,
  formatDate,
  h,
  reportError,
  showError,
} from './ui.js';

const PASSKEYS = '/api/v1/account/two_factor/passkeys';
const list = byId('pk-list');
const form = byId('pk-add-form', HTMLFormElement);

/** Tells the two-factor panel above that what sign-in asks for changed. */
function changed(): void {
  document.dispatchEvent(new CustomEvent('two-factor-changed'));
}

function row(passkey: Passkey): HTMLLIElement {
  const used = passkey.last_used_at
    ? `last used ${formatDate(passkey.last_used_at)}`
    : 'never used';
  return h(
    'li',
    { class: 'row', 'data-id': passkey.id },
    h(
      'div',
      { class: 'row-main' },
      h(
        'strong',
        {},
        passkey.name,
        passkey.backed_up ? h('span', { class: 'tag' }, 'Synced') : null,
      ),
      h('span', { class: 'muted' }, `Added ${formatDate(passkey.created_at)} · ${used}`),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-label': `Remove passkey: ${passkey.name}`,
        onclick: () => remove(passkey),
      },
      'Remove',
    ),
  );
}

async function load(): Promise<void> {
  try {
    const { data } = await api<PasskeyList>('GET', PASSKEYS);
    list.replaceChildren(
      ...(data.length > 0 ? data.map(row) : [h('li', { class: 'muted' }, 'No passkey yet.')]),
    );
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function remove(passkey: Passkey): Promise<void> {
  if (!(await confirmAction(`Remove the passkey "${passkey.name}"?`, 'Remove'))) return;
  try {
    await api('DELETE', `${PASSKEYS}/${passkey.id}`);
    announce(`Removed the passkey "${passkey.name}".`);
    changed();
    await load();
  } catch (error) {
    reportError(error);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  await busy(form, async () => {
    try {
      const { data: optionsJSON } = await api<PasskeyCreationOptionsResponse>(
        'POST',
        `${PASSKEYS}/options`,
      );
      // The browser's answer has the shape the protocol's schema describes: the server checks it.
      const credential = (await startRegistration({
        optionsJSON,
      })) as PasskeyRegistrationCredential;
      const name = fieldNamed(form, 'name').value.trim();
      const { data } = await api<PasskeyResponse>('POST', PASSKEYS, {
        credential,
        ...(name ? { name } : {}),
      });
      form.reset();
      announce(`Added the passkey "${data.name}".`);
      changed();
      await load();
    } catch (error) {
      if (wasCancelled(error)) showError('No passkey was added.');
      else reportError(error, form);
    }
  });
});

if (!browserSupportsWebAuthn()) {
  form.hidden = true;
  list.after(h('p', { class: 'muted' }, 'This browser cannot make passkeys.'));
}
load();
