import { PATHS, type SignUpMode } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../http/html.js';

export interface LoginPageOptions {
  api: 'studio' | 'gallery';
  csrfToken: string;
  next: string;
  email: string;
  error: string | undefined;
  /** Good news to show above the form (the password was reset). */
  notice?: string | undefined;
  /** How new studios come: `open` links the sign-up page. */
  signUp?: SignUpMode;
}

/** The line under the form about new studios, by how this server takes them. */
function newHere(mode: SignUpMode | undefined): string {
  if (mode === 'open') return `<p>New here? <a href="${PATHS.signUpPage}">Make your studio</a></p>`;
  if (mode === 'invite-only')
    return '<p class="muted">New here? Ask your studio for an invitation.</p>';
  return '';
}

const TITLES = { studio: 'Proofsheet Studio', gallery: 'Proofsheet Galleries' } as const;

/** The script behind {@link PASSKEY_BUTTON}, on this page and the second step's. */
export const PASSKEY_SCRIPT = '/assets/passkey-sign-in.js';

/**
 * "Sign in with a passkey", hidden until the script finds WebAuthn (without JavaScript the
 * password form works alone), and where its errors are shown.
 */
export const PASSKEY_BUTTON = `<div id="passkey-sign-in" hidden>
<p class="alert" role="alert" id="error" hidden></p>
<button type="button" id="passkey-button" class="secondary">Sign in with a passkey</button>
</div>`;

/**
 * The sign-in page: a plain form that works without JavaScript, and a passkey button for
 * browsers that can use one. The CSRF token is in the `csrf-token` meta tag (for scripts) and
 * in a hidden field (for the form post).
 */
export function renderLoginPage(options: LoginPageOptions): string {
  const error = options.error
    ? `<p class="alert" role="alert" id="login-error">${escapeHtml(options.error)}</p>`
    : '';
  const notice = options.notice
    ? `<p class="notice" role="status">${escapeHtml(options.notice)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="login-error"' : '';
  const body = `<main class="auth">
<form class="card" method="post" action="/login" novalidate>
<h1>${TITLES[options.api]}</h1>
<p class="muted">Sign in to continue.</p>
${error}${notice}
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email)}"${describedBy}${options.email ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}${options.email ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
${PASSKEY_BUTTON}
<p><a href="/forgot-password">Forgot your password?</a></p>
${newHere(options.signUp)}
</form>
</main>`;
  return layout({
    title: `Sign in · ${TITLES[options.api]}`,
    csrfToken: options.csrfToken,
    body,
    scripts: [PASSKEY_SCRIPT],
  });
}
