import { PATHS } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../../http/html.js';

/**
 * The page an email-change link opens: a button that confirms the new address (a link alone
 * changes nothing: mail scanners open links), or why the link cannot be used.
 */
export function renderConfirmEmailPage(options: {
  csrfToken: string;
  token: string;
  newEmail: string | null;
  error?: string | undefined;
}): string {
  const alert = options.error
    ? `<p class="alert" role="alert" id="confirm-error">${escapeHtml(options.error)}</p>`
    : '';
  const form = options.newEmail
    ? `<p>Sign in with <strong>${escapeHtml(options.newEmail)}</strong> from now on?</p>
${alert}
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<button type="submit">Confirm the new address</button>`
    : `${alert}<p><a href="${PATHS.login}">Sign in</a></p>`;
  const body = `<main class="auth">
<form class="card" method="post" action="${PATHS.confirmEmail}" novalidate>
<h1>Confirm your new email address</h1>
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
${form}
</form>
</main>`;
  return layout({ title: 'Confirm your email address', csrfToken: options.csrfToken, body });
}
