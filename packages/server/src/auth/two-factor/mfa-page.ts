import type { MfaMethod } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../../http/html.js';
import { PASSKEY_BUTTON, PASSKEY_SCRIPT } from '../login-page.js';

export interface MfaPageOptions {
  api: 'studio' | 'gallery';
  csrfToken: string;
  mfaToken: string;
  next: string;
  error: string | undefined;
  /** What the user can answer with: the code forms for `totp`, the passkey button for `passkey`. */
  methods: readonly MfaMethod[];
}

const TITLES = { studio: 'Proofsheet Studio', gallery: 'Proofsheet Galleries' } as const;

/**
 * The second step of sign-in: one form for the authenticator code, and a recovery code behind
 * a disclosure for the day the phone is lost; or a passkey, for users who have one. The code
 * forms work without JavaScript; the pending sign-in's token travels in a hidden field, never
 * in the URL.
 */
export function renderMfaPage(options: MfaPageOptions): string {
  const error = options.error
    ? `<p class="alert" role="alert" id="mfa-error">${escapeHtml(options.error)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="mfa-error"' : '';
  const hidden = `<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
<input type="hidden" name="mfa_token" value="${escapeHtml(options.mfaToken)}">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">`;
  const codes = options.methods.includes('totp');
  const passkey = options.methods.includes('passkey');
  const codeForms = `<form method="post" action="/login/mfa" novalidate>
<h1>${TITLES[options.api]}</h1>
<p class="muted">Enter the 6-digit code from your authenticator app.</p>
${error}
${hidden}
<label for="code">Authentication code</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9 ]*" autocomplete="one-time-code" maxlength="12" required autofocus${describedBy}>
<button type="submit">Verify</button>
</form>
<details>
<summary>Use a recovery code instead</summary>
<form method="post" action="/login/mfa" novalidate>
${hidden}
<label for="recovery_code">Recovery code</label>
<input id="recovery_code" name="recovery_code" autocomplete="off" spellcheck="false" maxlength="40" required>
<button type="submit" class="secondary">Sign in with a recovery code</button>
</form>
</details>`;
  // Without an app, the passkey is the one way on: its page needs the token and `next` alone.
  const passkeyOnly = `<h1>${TITLES[options.api]}</h1>
<p class="muted">Confirm it is you with your passkey.</p>
${error}
${hidden}`;
  const body = `<main class="auth">
<div class="card">
${codes ? codeForms : passkeyOnly}
${passkey ? PASSKEY_BUTTON : ''}
<p><a href="/login">Start again</a></p>
</div>
</main>`;
  return layout({
    title: `Two-factor sign-in · ${TITLES[options.api]}`,
    csrfToken: options.csrfToken,
    body,
    scripts: passkey ? [PASSKEY_SCRIPT] : [],
  });
}
