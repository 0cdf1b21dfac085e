import { escapeHtml } from '../../http/html.js';

/** A message as the mailer takes it. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** What a message says: paragraphs, and optionally one link with its label. */
export interface MailParts {
  subject: string;
  firstName: string;
  /** Paragraphs before the link, plain text (escaped in HTML). */
  before: readonly string[];
  link?: { href: string; label: string };
  /** Paragraphs after the link. */
  after: readonly string[];
}

/**
 * A plain-text body and an HTML one from the same parts, every value escaped in HTML: the
 * shape of every message about an account (a greeting, what happened, a link, what to do if
 * it was not you).
 */
export function mailBody(parts: MailParts): MailContent {
  const greeting = parts.firstName.trim() === '' ? 'Hello,' : `Hello ${parts.firstName},`;
  const { link } = parts;
  const text = [greeting, ...parts.before, ...(link ? [link.href] : []), ...parts.after]
    .join('\n\n')
    .concat('\n');
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const linkHtml = link
    ? [
        `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`,
        `<p style="color: #555">Or paste this address into your browser: ${escapeHtml(link.href)}</p>`,
      ]
    : [];
  const html = [
    '<!doctype html>',
    '<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">',
    paragraph(greeting),
    ...parts.before.map(paragraph),
    ...linkHtml,
    ...parts.after.map(paragraph),
    '</body></html>',
    '',
  ].join('\n');
  return { subject: parts.subject, text, html };
}
