import { escapeHtml } from '../../http/html.js';

export interface InvitationMailValues {
  firstName: string;
  studioName: string;
  /** What the person is invited as, in words. */
  roleLabel: string;
  link: string;
  /** How long the link works, in days (at least one). */
  days: number;
}

/** The invitation email: a plain-text body and an HTML one, every value escaped in HTML. */
export function invitationMail(values: InvitationMailValues): {
  subject: string;
  text: string;
  html: string;
} {
  const { firstName, studioName, roleLabel, link, days } = values;
  const greeting = firstName.trim() === '' ? 'Hello,' : `Hello ${firstName},`;
  const within = days === 1 ? 'within a day' : `within ${days} days`;
  const text = `${greeting}

${studioName} invites you to Proofsheet as ${roleLabel}.

To accept, open this link ${within} and choose your password. It works once:
${link}

If you did not expect this invitation, ignore this email: nothing happens without you.
`;
  const html = `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">
<p>${escapeHtml(greeting)}</p>
<p><strong>${escapeHtml(studioName)}</strong> invites you to Proofsheet as ${escapeHtml(roleLabel)}.</p>
<p>To accept, open this link ${within} and choose your password. It works once:</p>
<p><a href="${escapeHtml(link)}">Accept the invitation</a></p>
<p style="color: #555">Or paste this address into your browser: ${escapeHtml(link)}</p>
<p>If you did not expect this invitation, ignore this email: nothing happens without you.</p>
</body></html>
`;
  return { subject: `${studioName} invites you to Proofsheet`, text, html };
}
