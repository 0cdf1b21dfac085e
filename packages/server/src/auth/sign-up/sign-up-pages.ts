import { MIN_PASSWORD_LENGTH, PATHS } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../../http/html.js';

function alert(text: string | undefined): string {
  return text ? `<p class="alert" role="alert" id="signup-error">${escapeHtml(text)}</p>` : '';
}

/** What the sign-up form shows again after a refused post. */
export interface SignUpValues {
  email: string;
  studioName: string;
  firstName: string;
  lastName: string;
}

/**
 * The sign-up form: the studio's name and who owns it; once sent, what happens next. Works
 * without JavaScript, like the sign-in page. `open` false: the server takes no sign-ups.
 */
export function renderSignUpPage(options: {
  csrfToken: string;
  open: boolean;
  values: SignUpValues;
  error?: string | undefined;
  sent?: string | undefined;
}): string {
  const { values, error } = options;
  const describedBy = error ? ' aria-describedby="signup-error"' : '';
  const input = (name: string, label: string, value: string, extra: string) =>
    `<label for="${name}">${label}</label>
<input id="${name}" name="${name}" maxlength="100" value="${escapeHtml(value)}"${extra}${describedBy}>`;
  const form = options.sent
    ? `<p class="notice" role="status" id="signup-sent">${escapeHtml(options.sent)}</p>`
    : `${alert(error)}
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
${input('studio_name', 'Studio name', values.studioName, ' required autofocus autocomplete="organization"')}
${input('first_name', 'First name', values.firstName, ' required autocomplete="given-name"')}
${input('last_name', 'Last name', values.lastName, ' autocomplete="family-name"')}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(values.email)}"${describedBy}>
<p class="muted">We send a link to this address; your studio is made when you open it.</p>
<button type="submit">Sign up</button>`;
  const body = options.open
    ? `<main class="auth">
<form class="card" method="post" action="${PATHS.signUp}" novalidate>
<h1>Make your studio</h1>
${form}
<p><a href="${PATHS.login}">Have an account? Sign in</a></p>
</form>
</main>`
    : `<main class="auth"><div class="card">
<h1>Sign-up is closed</h1>
<p>This server does not take sign-ups. Ask a studio for an invitation.</p>
<p><a href="${PATHS.login}">Sign in</a></p>
</div></main>`;
  return layout({ title: 'Sign up · Proofsheet', csrfToken: options.csrfToken, body });
}

/** What the completion page shows of a usable sign-up. */
export interface CompleteSignUpInfo {
  email: string;
  studioName: string;
}

/** The page a sign-up link opens: the owner's password for the token the link carries. */
export function renderCompleteSignUpPage(options: {
  csrfToken: string;
  token: string;
  signUp: CompleteSignUpInfo | null;
  error?: string | undefined;
}): string {
  const { signUp, error } = options;
  const describedBy = error ? ' aria-describedby="signup-error"' : '';
  const form = signUp
    ? `<p class="muted">Choose the password of <strong>${escapeHtml(signUp.email)}</strong>, owner of ${escapeHtml(signUp.studioName)}.</p>
${alert(error)}
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<input type="email" autocomplete="username" value="${escapeHtml(signUp.email)}" hidden readonly>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" autofocus${describedBy}>
<p class="muted" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters, and not easy to guess.</p>
<button type="submit">Make the studio</button>`
    : `${alert(error)}<p><a href="${PATHS.signUpPage}">Sign up again</a> · <a href="${PATHS.login}">Sign in</a></p>`;
  const body = `<main class="auth">
<form class="card" method="post" action="${PATHS.completeSignUp}" novalidate>
<h1>Finish signing up</h1>
<input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
${form}
</form>
</main>`;
  return layout({ title: 'Finish signing up · Proofsheet', csrfToken: options.csrfToken, body });
}
