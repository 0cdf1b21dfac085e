import { MIN_PASSWORD_LENGTH } from '@proofsheet/protocol';
import { field } from './form-fields.js';

/** The account page of both apps: the user's sessions and the password form. */
export const ACCOUNT_CONTENT = `<section class="panel" aria-labelledby="sessions-title">
<h2 id="sessions-title">Where you are signed in</h2>
<p class="muted">Each sign-in is a session. Revoke any you do not recognise.</p>
<ul id="session-list" class="rows" aria-busy="true"></ul>
<button type="button" id="revoke-others" class="secondary">Sign out everywhere else</button>
</section>
<section class="panel" aria-labelledby="password-title">
<h2 id="password-title">Change password</h2>
<form id="password-form" novalidate>
${field({ name: 'current_password', label: 'Current password', type: 'password', required: true, autocomplete: 'current-password' })}
${field({ name: 'new_password', label: 'New password', type: 'password', required: true, autocomplete: 'new-password', hint: `At least ${MIN_PASSWORD_LENGTH} characters. Your other sessions will be signed out.` })}
${field({ name: 'confirm_password', label: 'Repeat the new password', type: 'password', required: true, autocomplete: 'new-password' })}
<div class="actions"><button type="submit">Change password</button></div>
</form>
</section>`;
