// Account: asking to sign in with another address (a link goes there to confirm it).
import type { EmailSentAccepted, PATHS } from '@proofsheet/protocol';
import { api } from './api.js';
import { fieldNamed } from './fields.js';
import {
  announce,
  busy,
  byId,
  checkRequired,
  clearFieldErrors,
  reportError,
  showError,
} from './ui.js';

// The protocol's name, typed by the protocol's constant: a change there fails this build.
const ACCOUNT_EMAIL_PATH: (typeof PATHS)['accountEmail'] = '/api/v1/account/email';

const form = byId('email-form', HTMLFormElement);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showError('');
  if (!checkRequired(form)) return;
  const email = fieldNamed(form, 'email').value.trim();
  const password = fieldNamed(form, 'password').value;
  await busy(form, async () => {
    try {
      const body = await api<EmailSentAccepted>('POST', ACCOUNT_EMAIL_PATH, { email, password });
      form.reset();
      announce(`${body.data.message} (${email})`);
    } catch (error) {
      reportError(error, form);
    }
  });
});
