import type { Role } from '@proofsheet/protocol';
import { escapeHtml, layout } from '../http/html.js';

/** One entry of an app's navigation. */
export interface NavItem {
  href: string;
  label: string;
  /** Extra HTML after the label, e.g. the unread badge. Must be escaped already. */
  extra?: string;
  /** Shown only to these roles; absent: to everyone the app is for. */
  roles?: readonly Role[];
}

export interface AppPageOptions {
  app: 'studio' | 'gallery';
  /** The page's key, also the name of its script (`clients` → `/assets/clients.js`). */
  page: string;
  title: string;
  csrfToken: string;
  user: { name: string; email: string; role: Role; studioName: string };
  nav: readonly NavItem[];
  /** The path of the current page, for `aria-current`. */
  current: string;
  /** The page's own content, already escaped. */
  content: string;
  /** Omit the page script (the "no access" page has none). */
  script?: string | null;
}

const APP_NAMES = { studio: 'Studio', gallery: 'Galleries' } as const;

/** A signed-in page: skip link, header with navigation and sign-out, then the main content. */
export function renderAppPage(options: AppPageOptions): string {
  const nav = options.nav
    .map((item) => {
      const current = item.href === options.current ? ' aria-current="page"' : '';
      return `<li><a href="${escapeHtml(item.href)}"${current}>${escapeHtml(item.label)}${item.extra ?? ''}</a></li>`;
    })
    .join('');
  const csrf = escapeHtml(options.csrfToken);
  const body = `<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<div class="topbar-inner">
<a class="brand" href="/app/">Proofsheet <span>${APP_NAMES[options.app]}</span></a>
<nav aria-label="Main"><ul>${nav}</ul></nav>
<div class="who">
<span class="who-name" title="${escapeHtml(options.user.email)}">${escapeHtml(options.user.name)}</span>${options.user.studioName ? `<span class="who-studio" title="The studio you are signed in to">${escapeHtml(options.user.studioName)}</span>` : ''}
<form method="post" action="/logout" class="signout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="link-button">Sign out</button></form>
</div>
</div>
</header>
<main id="main" class="page" tabindex="-1">
<h1 id="page-title">${escapeHtml(options.title)}</h1>
<p id="status" class="status" role="status" aria-live="polite"></p>
<div id="error" class="alert" role="alert" tabindex="-1" hidden></div>
${options.content}
</main>`;
  const script = options.script === undefined ? options.page : options.script;
  return layout({
    title: `${options.title} · Proofsheet ${APP_NAMES[options.app]}`,
    csrfToken: options.csrfToken,
    body,
    scripts: script ? [`/assets/${script}.js`] : [],
    data: { app: options.app, page: options.page, role: options.user.role },
  });
}
