import { MIN_PASSWORD_LENGTH } from '@proofsheet/protocol';
import { CONFIRM_DIALOG, field } from './form-fields.js';

/**
 * The account page of both apps: the user's studios (when they have several), sessions,
 * password, address and second factors.
 */
export const ACCOUNT_CONTENT = `<section class="panel" id="studios-panel" aria-labelledby="studios-title" hidden>
<h2 id="studios-title">Your studios</h2>
<p class="muted">The studios you belong to, with your role in each. A sign-in opens one of them at a time.</p>
<ul id="studio-list" class="rows"></ul>
<form id="studio-form" novalidate hidden>
${field({ name: 'name', label: 'Open a studio of your own', required: true, idPrefix: 'studio-', hint: 'You become its owner, and keep the studios you belong to.' })}
<div class="actions"><button type="submit">Open the studio</button></div>
</form>
</section>
<section class="panel" aria-labelledby="sessions-title">
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
</section>
<section class="panel" aria-labelledby="email-title">
<h2 id="email-title">Change email address</h2>
<p class="muted">We send a link to the new address; you sign in with it once the link is opened, and your current address is told.</p>
<form id="email-form" novalidate>
${field({ name: 'email', label: 'New email address', type: 'email', required: true, autocomplete: 'email', idPrefix: 'ec-' })}
${field({ name: 'password', label: 'Current password', type: 'password', required: true, autocomplete: 'current-password', idPrefix: 'ec-' })}
<div class="actions"><button type="submit">Send the confirmation link</button></div>
</form>
</section>
<section class="panel" aria-labelledby="two-factor-title">
<h2 id="two-factor-title">Two-factor authentication</h2>
<p id="tf-status" class="muted" aria-live="polite">Loading…</p>
<div class="actions">
<button type="button" id="tf-start" hidden>Set up an authenticator app</button>
<button type="button" id="tf-regenerate" class="secondary" hidden>New recovery codes</button>
<button type="button" id="tf-remove" class="secondary" hidden>Turn off</button>
</div>
<div id="tf-setup" hidden>
<p>Scan this code with an authenticator app (1Password, Google Authenticator, Aegis…), or type the key by hand.</p>
<img id="tf-qr" alt="QR code of the authenticator key" width="200" height="200">
<p>Key: <code id="tf-secret"></code></p>
<form id="tf-confirm-form" novalidate>
${field({ name: 'code', label: 'The 6-digit code the app shows', required: true, autocomplete: 'one-time-code', idPrefix: 'tf-' })}
<div class="actions"><button type="submit">Turn on</button></div>
</form>
</div>
<div id="tf-codes" hidden>
<p><strong>Save these recovery codes</strong> somewhere safe. Each signs you in once if you lose your phone; they are not shown again.</p>
<ul id="tf-code-list" class="codes"></ul>
<button type="button" id="tf-codes-done" class="secondary">I have saved them</button>
</div>
<h3 id="pk-title">Passkeys</h3>
<p class="muted">A passkey signs you in with your fingerprint, face or device PIN, with no password. Once you have one, a password alone no longer signs you in: the passkey is asked for too.</p>
<ul id="pk-list" class="rows" aria-labelledby="pk-title" aria-busy="true"></ul>
<form id="pk-add-form" novalidate>
${field({ name: 'name', label: 'Name of the new passkey', autocomplete: 'off', idPrefix: 'pk-', hint: 'So that you can tell it apart, e.g. "Work laptop". Optional.' })}
<div class="actions"><button type="submit" id="pk-add">Add a passkey</button></div>
</form>
</section>
${CONFIRM_DIALOG}`;
