import { escapeHtml } from '../../http/html.js';

export interface PasswordResetMailValues {
  email: string;
  firstName: string;
  link: string;
  /** How long the link works, in minutes. */
  minutes: number;
}

/** The password reset email: a plain-text body and an HTML one, every value escaped in HTML. */
export function passwordResetMail(values: PasswordResetMailValues): {
  subject: string;
  text: string;
  html: string;
} {
  const { email, firstName, link, minutes } = values;
  const greeting = firstName.trim() === '' ? 'Hello,' : `Hello ${firstName},`;
  const text = `${greeting}

Someone asked to reset the password of the Proofsheet account ${email}.

To choose a new password, open this link within ${minutes} minutes. It works once:
${link}

If it was not you, ignore this email: your password stays as it is.
`;
  const html = `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">
<p>${escapeHtml(greeting)}</p>
<p>Someone asked to reset the password of the Proofsheet account <strong>${escapeHtml(email)}</strong>.</p>
<p>To choose a new password, open this link within ${minutes} minutes. It works once:</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a></p>
<p style="color: #555">Or paste this address into your browser: ${escapeHtml(link)}</p>
<p>If it was not you, ignore this email: your password stays as it is.</p>
</body></html>
`;
  return { subject: 'Reset your Proofsheet password', text, html };
}
