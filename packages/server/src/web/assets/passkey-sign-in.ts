// "Sign in with a passkey" on the sign-in page (the passkey alone) and on the second step's page
// (the passkey after the password, for the pending sign-in in the page's `mfa_token` field):
// the server's options, the browser's ceremony, the answer back; then on to `next`, as the
// forms go. Hidden where the browser cannot do WebAuthn.
import type {
  LoginResponse,
  PATHS,
  PasskeyAuthenticationCredential,
  PasskeyRequestOptionsResponse,
} from '@proofsheet/protocol';
import { sendOnce } from './api.js';
import { browserSupportsWebAuthn, startAuthentication, wasCancelled } from './passkey-ceremony.js';
import { byId, reportError, showError } from './ui.js';

// The protocol's names, typed by the protocol's constants: a change there fails this build.
const ALONE: [(typeof PATHS)['loginPasskeyOptions'], (typeof PATHS)['loginPasskey']] = [
  '/login/passkey/options',
  '/login/passkey',
];
const SECOND_STEP: [(typeof PATHS)['loginMfaPasskeyOptions'], (typeof PATHS)['loginMfaPasskey']] = [
  '/login/mfa/passkey/options',
  '/login/mfa/passkey',
];

const section = byId('passkey-sign-in');
const button = byId('passkey-button', HTMLButtonElement);

function field(name: string): string {
  const input = document.querySelector(`input[name="${name}"]`);
  return input instanceof HTMLInputElement ? input.value : '';
}

button.addEventListener('click', async () => {
  const mfaToken = field('mfa_token');
  const [optionsPath, answerPath] = mfaToken ? SECOND_STEP : ALONE;
  const pending = mfaToken ? { mfa_token: mfaToken } : {};
  button.disabled = true;
  showError('');
  try {
    const { data: optionsJSON } = await sendOnce<PasskeyRequestOptionsResponse>(
      'POST',
      optionsPath,
      mfaToken ? pending : undefined,
    );
    // The browser's answer has the shape the protocol's schema describes: the server checks it.
    const credential = (await startAuthentication({
      optionsJSON,
    })) as PasskeyAuthenticationCredential;
    await sendOnce<LoginResponse>('POST', answerPath, { ...pending, credential });
    location.assign(field('next') || '/');
  } catch (error) {
    if (wasCancelled(error)) showError('No passkey was used. Try again, or use your password.');
    else reportError(error);
    button.disabled = false;
  }
});

section.hidden = !browserSupportsWebAuthn();
