import { escapeHtml, layout } from '../http/html.js';
import { CLIENT_VIEW, PIN_DIALOG } from './photo-pages.js';
import { LEAVE_PATH } from './visitor-leave.js';

const TITLE = 'Proofsheet Galleries';

/** What the entry form of a share link shows. */
export interface EntryPageOptions {
  token: string;
  collectionName: string;
  studioName: string;
  csrfToken: string;
  email: string;
  linkPassword: boolean;
  collectionPassword: boolean;
  error: string | undefined;
}

function passwordField(name: string, label: string, describedBy: string): string {
  return `<label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="password" autocomplete="off" required${describedBy}>`;
}

/**
 * A share link's entry form: the visitor's email and the passwords the link and the collection
 * ask for. A plain form that works without JavaScript, like the sign-in page.
 */
export function renderEntryPage(o: EntryPageOptions): string {
  const error = o.error
    ? `<p class="alert" role="alert" id="entry-error">${escapeHtml(o.error)}</p>`
    : '';
  const describedBy = o.error ? ' aria-describedby="entry-error"' : '';
  const body = `<main class="auth">
<form class="card" method="post" action="/s/${escapeHtml(o.token)}" novalidate>
<h1>${escapeHtml(o.collectionName)}</h1>
<p class="muted">${escapeHtml(o.studioName)} shared these photos with you. Enter your email address to see them.</p>
${error}
<input type="hidden" name="_csrf" value="${escapeHtml(o.csrfToken)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(o.email)}"${describedBy}${o.email ? '' : ' autofocus'}>
${o.linkPassword ? passwordField('password', 'Link password', describedBy) : ''}
${o.collectionPassword ? passwordField('collection_password', 'Collection password', describedBy) : ''}
<button type="submit">View photos</button>
</form>
</main>`;
  return layout({ title: `${o.collectionName} · ${TITLE}`, csrfToken: o.csrfToken, body });
}

/** A page that says why there is nothing to see, and what to do. */
export function renderNoticePage(heading: string, message: string): string {
  const body = `<main class="auth">
<div class="card">
<h1>${escapeHtml(heading)}</h1>
<p class="muted">${escapeHtml(message)}</p>
</div>
</main>`;
  return layout({ title: `${heading} · ${TITLE}`, csrfToken: '', body });
}

/** One gallery on the visitor's page. */
export interface VisitGallery {
  name: string;
  photoCount: number;
  videoCount: number;
}

/** A single-photo link's photo, as the page shows it. */
export interface VisitPhoto {
  id: number;
  /** The preview, for the page without JavaScript. */
  src: string;
  alt: string;
  width: number;
  height: number;
  /** Whether the link, the collection and the photo's gallery let this visitor download it. */
  downloadable: boolean;
}

/** What the visitor's page shows. */
export interface VisitPageOptions {
  collectionId: number;
  collectionName: string;
  email: string;
  csrfToken: string;
  galleries: readonly VisitGallery[];
  /** A single-photo link's photo. */
  photo: VisitPhoto | null;
}

function countText(g: VisitGallery): string {
  const photos = `${g.photoCount} ${g.photoCount === 1 ? 'photo' : 'photos'}`;
  if (g.videoCount === 0) return photos;
  return `${photos}, ${g.videoCount} ${g.videoCount === 1 ? 'video' : 'videos'}`;
}

/** The header of a visitor's page: who they visit as, and the way out. */
function visitorBar(o: VisitPageOptions): string {
  return `<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar visitor-bar">
<div class="topbar-inner">
<span class="brand">Proofsheet <span>Galleries</span></span>
<div class="who">
<span class="who-name" title="${escapeHtml(o.email)}">Visiting as ${escapeHtml(o.email)}</span>
<form method="post" action="${LEAVE_PATH}" class="signout"><input type="hidden" name="_csrf" value="${escapeHtml(o.csrfToken)}"><button type="submit" class="link-button">Leave</button></form>
</div>
</div>
</header>`;
}

/**
 * The visitor's page: the galleries their link opens, shown by `assets/visit.ts` as clients see
 * them (CLIENT_VIEW), or its one photo, large. Without JavaScript, the list of galleries and the
 * photo's preview are what is left.
 */
export function renderVisitPage(o: VisitPageOptions): string {
  // The page's script replaces the list with the gallery itself.
  const galleries =
    o.galleries.length === 0
      ? ''
      : `<noscript><section aria-labelledby="galleries-title">
<h2 id="galleries-title">Galleries</h2>
<ul class="rows" id="visitor-galleries">${o.galleries
          .map(
            (g) =>
              `<li class="row"><div class="row-main"><strong>${escapeHtml(g.name)}</strong><span class="muted">${escapeHtml(countText(g))}</span></div></li>`,
          )
          .join('')}</ul>
</section></noscript>
${CLIENT_VIEW}`;
  const photo = o.photo
    ? `<figure class="visitor-photo" id="visitor-photo"><div class="visitor-frame" id="visitor-frame"><img src="${escapeHtml(o.photo.src)}" alt="${escapeHtml(o.photo.alt)}" width="${o.photo.width}" height="${o.photo.height}"></div>
<figcaption class="photo-toolbar"><span id="visitor-photo-name">${escapeHtml(o.photo.alt)}</span><span class="actions" id="visitor-photo-actions"></span></figcaption></figure>
${PIN_DIALOG}`
    : '';
  const empty =
    o.galleries.length === 0 && !o.photo
      ? '<p class="muted" id="visitor-empty">There is nothing to see here yet.</p>'
      : '';
  const body = `${visitorBar(o)}
<main id="main" class="page" tabindex="-1">
<h1 id="page-title">${escapeHtml(o.collectionName)}</h1>
<p id="status" class="status" role="status" aria-live="polite"></p>
<div id="error" class="alert" role="alert" tabindex="-1" hidden></div>
${galleries}${photo}${empty}
</main>`;
  const data: Record<string, string> = {
    app: 'visitor',
    page: 'visit',
    collection: String(o.collectionId),
  };
  if (o.photo) {
    data.photo = String(o.photo.id);
    data['photo-downloads'] = String(o.photo.downloadable);
  }
  const scripts = o.galleries.length > 0 || o.photo ? ['/assets/visit.js'] : [];
  return layout({
    title: `${o.collectionName} · ${TITLE}`,
    csrfToken: o.csrfToken,
    body,
    scripts,
    data,
  });
}
