import { MIN_PASSWORD_LENGTH } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../../http/html.js';

/** What the page shows of a usable invitation. */
export interface AcceptPageInvitation {
  email: string;
  studioName: string;
  /** The address has an account (in another studio): its password joins, no name is asked. */
  existingUser: boolean;
  firstName: string;
  lastName: string;
}

/**
 * The page an invitation link opens: a name and a password for the token the link carries (or
 * the password alone, for someone who has an account), or (without a usable invitation) why not. Works without JavaScript, like the sign-in page.
 */
export function renderAcceptPage(options: {
  csrfToken: string;
  token: string;
  invitation: AcceptPageInvitation | null;
  error?: string | undefined;
}): string {
  const { invitation, error } = options;
  const alert = error
    ? `<p class="alert" role="alert" id="accept-error">${escapeHtml(error)}</p>`
    : '';
  const describedBy = error ? ' aria-describedby="accept-error"' : '';
  const form = invitation
    ? invitation.existingUser
      ? `<p class="muted">${escapeHtml(invitation.studioName)} invites <strong>${escapeHtml(invitation.email)}</strong>. You have an account with this address already: enter its password to join the studio. Your other studios stay yours.</p>
${alert}
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<input type="email" autocomplete="username" value="${escapeHtml(invitation.email)}" hidden readonly>
<label for="password">Your password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<p class="muted"><a href="/forgot-password">Forgot your password?</a></p>
<button type="submit">Join and sign in</button>`
      : `<p class="muted">${escapeHtml(invitation.studioName)} invites <strong>${escapeHtml(invitation.email)}</strong>. Choose your name and a password to sign in with.</p>
${alert}
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<label for="first_name">First name</label>
<input id="first_name" name="first_name" autocomplete="given-name" required maxlength="100" value="${escapeHtml(invitation.firstName)}">
<label for="last_name">Last name</label>
<input id="last_name" name="last_name" autocomplete="family-name" maxlength="100" value="${escapeHtml(invitation.lastName)}">
<input type="email" autocomplete="username" value="${escapeHtml(invitation.email)}" hidden readonly>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}"${describedBy}>
<p class="muted" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters, and not easy to guess.</p>
<button type="submit">Accept and sign in</button>`
    : `${alert}<p><a href="/login">Sign in</a></p>`;
  const body = `<main class="auth">
<form class="card" method="post" action="/invitations/accept" novalidate>
<h1>Accept your invitation</h1>
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
${form}
</form>
</main>`;
  return layout({ title: 'Accept your invitation', csrfToken: options.csrfToken, body });
}
