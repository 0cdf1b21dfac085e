import { MIN_PASSWORD_LENGTH } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../../http/html.js';

function alert(text: string | undefined, id: string): string {
  return text ? `<p class="alert" role="alert" id="${id}">${escapeHtml(text)}</p>` : '';
}

/** The "Forgot your password?" page: an email field, or (once sent) what happens next. */
export function renderForgotPage(options: {
  csrfToken: string;
  email: string;
  error?: string | undefined;
  sent?: string | undefined;
}): string {
  const sent = options.sent
    ? `<p class="notice" role="status" id="reset-sent">${escapeHtml(options.sent)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="reset-error"' : '';
  const body = `<main class="auth">
<form class="card" method="post" action="/forgot-password" novalidate>
<h1>Reset your password</h1>
<p class="muted">Enter the email address you sign in with, and we will send you a link to choose a new password.</p>
${alert(options.error, 'reset-error')}${sent}
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(options.email)}"${describedBy}>
<button type="submit">Send the link</button>
<p><a href="/login">Back to sign in</a></p>
</form>
</main>`;
  return layout({ title: 'Reset your password', csrfToken: options.csrfToken, body });
}

/** The page a reset link opens: a new password for the token the link carries. */
export function renderResetPage(options: {
  csrfToken: string;
  token: string;
  error?: string | undefined;
}): string {
  const describedBy = options.error ? ' aria-describedby="reset-error"' : '';
  const form = options.token
    ? `<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" autofocus${describedBy}>
<p class="muted" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters. Every device signed in to your account will be signed out.</p>
<button type="submit">Set the new password</button>`
    : '<p>This page needs the link from the reset email.</p>';
  const body = `<main class="auth">
<form class="card" method="post" action="/reset-password" novalidate>
<h1>Choose a new password</h1>
${alert(options.error, 'reset-error')}
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
${form}
<p><a href="/forgot-password">Ask for a new link</a> · <a href="/login">Sign in</a></p>
</form>
</main>`;
  return layout({ title: 'Choose a new password', csrfToken: options.csrfToken, body });
}
