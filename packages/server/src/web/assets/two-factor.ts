// The account page's second factor: set up an authenticator app from a QR code, confirm it
// with its first code, show the recovery codes once, renew them, or turn two-factor off.
import type { RecoveryCodes, TotpSetup, TwoFactorStatus } from '@proofsheet/protocol';
import { api } from './api.js';
import { fieldNamed } from './fields.js';
import {
  announce,
  busy,
  byId,
  checkRequired,
  clearFieldErrors,
  confirmAction,
  formatDate,
  h,
  reportError,
} from './ui.js';

const status = byId('tf-status');
const start = byId('tf-start', HTMLButtonElement);
const regenerate = byId('tf-regenerate', HTMLButtonElement);
const remove = byId('tf-remove', HTMLButtonElement);
const setup = byId('tf-setup');
const form = byId('tf-confirm-form', HTMLFormElement);
const codes = byId('tf-codes');

function showCodes(list: readonly string[]): void {
  byId('tf-code-list').replaceChildren(...list.map((code) => h('li', {}, h('code', {}, code))));
  codes.hidden = false;
  byId('tf-codes-done').focus();
}

async function load(): Promise<void> {
  try {
    const { data } = await api<TwoFactorStatus>('GET', '/api/v1/account/two_factor');
    const keys = data.passkeys.count;
    const passkeys = keys === 1 ? '1 passkey' : `${keys} passkeys`;
    status.textContent = data.totp.enabled
      ? `On since ${formatDate(data.totp.confirmed_at ?? '')} · ${data.recovery_codes.remaining} recovery codes left${keys > 0 ? ` · ${passkeys}` : ''}.`
      : data.enabled
        ? `On with ${passkeys}: sign-in asks for your password and a passkey, or a passkey alone.`
        : 'Off. Sign-in asks for your password alone.';
    start.hidden = data.totp.enabled;
    regenerate.hidden = !data.totp.enabled;
    remove.hidden = !data.totp.enabled;
  } catch (error) {
    reportError(error);
  }
}

start.addEventListener('click', async () => {
  try {
    const { data } = await api<TotpSetup>('POST', '/api/v1/account/two_factor/totp');
    byId('tf-qr', HTMLImageElement).src = data.qr_code;
    byId('tf-secret').textContent = data.secret.replace(/(.{4})/g, '$1 ').trim();
    setup.hidden = false;
    start.hidden = true;
    fieldNamed(form, 'code').focus();
  } catch (error) {
    reportError(error);
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  if (!checkRequired(form)) return;
  await busy(form, async () => {
    try {
      const { data } = await api<RecoveryCodes>('POST', '/api/v1/account/two_factor/totp/confirm', {
        code: fieldNamed(form, 'code').value.trim(),
      });
      form.reset();
      setup.hidden = true;
      announce('Two-factor authentication is on.');
      await // Adding or removing a passkey changes what sign-in asks for (passkeys.ts says so).
      document.addEventListener('two-factor-changed', () => load());
      load();
      showCodes(data.recovery_codes);
    } catch (error) {
      reportError(error, form);
    }
  });
});

regenerate.addEventListener('click', async () => {
  try {
    const { data } = await api<RecoveryCodes>('POST', '/api/v1/account/two_factor/recovery_codes');
    announce('New recovery codes; the old ones no longer work.');
    await // Adding or removing a passkey changes what sign-in asks for (passkeys.ts says so).
    document.addEventListener('two-factor-changed', () => load());
    load();
    showCodes(data.recovery_codes);
  } catch (error) {
    reportError(error);
  }
});

remove.addEventListener('click', async () => {
  if (!(await confirmAction('Turn off two-factor authentication?', 'Turn off'))) return;
  try {
    await api('DELETE', '/api/v1/account/two_factor/totp');
    codes.hidden = true;
    announce('Two-factor authentication is off.');
    await // Adding or removing a passkey changes what sign-in asks for (passkeys.ts says so).
    document.addEventListener('two-factor-changed', () => load());
    load();
  } catch (error) {
    reportError(error);
  }
});

byId('tf-codes-done').addEventListener('click', () => {
  codes.hidden = true;
  byId('tf-code-list').replaceChildren();
});

// Adding or removing a passkey changes what sign-in asks for (passkeys.ts says so).
document.addEventListener('two-factor-changed', () => load());
load();
