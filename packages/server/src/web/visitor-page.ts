import { escapeHtml, layout } from '../http/html.js';

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

/** What the visitor's page shows. */
export interface VisitPageOptions {
  collectionName: string;
  email: string;
  csrfToken: string;
  galleries: readonly VisitGallery[];
  /** A single-photo link's photo, as an image the page shows. */
  photo: { src: string; alt: string; width: number; height: number } | null;
}

function countText(g: VisitGallery): string {
  const photos = `${g.photoCount} ${g.photoCount === 1 ? 'photo' : 'photos'}`;
  if (g.videoCount === 0) return photos;
  return `${photos}, ${g.videoCount} ${g.videoCount === 1 ? 'video' : 'videos'}`;
}

/** The visitor's page: the galleries their link opens, or its one photo. */
export function renderVisitPage(o: VisitPageOptions): string {
  const galleries =
    o.galleries.length === 0
      ? ''
      : `<section aria-labelledby="galleries-title">
<h2 id="galleries-title">Galleries</h2>
<ul class="rows" id="visitor-galleries">${o.galleries
          .map(
            (g) =>
              `<li class="row"><div class="row-main"><strong>${escapeHtml(g.name)}</strong><span class="muted">${escapeHtml(countText(g))}</span></div></li>`,
          )
          .join('')}</ul>
</section>`;
  const photo = o.photo
    ? `<figure class="panel" id="visitor-photo"><img src="${escapeHtml(o.photo.src)}" alt="${escapeHtml(o.photo.alt)}" width="${o.photo.width}" height="${o.photo.height}" style="max-width:100%;height:auto"></figure>`
    : '';
  const empty =
    o.galleries.length === 0 && !o.photo
      ? '<p class="muted" id="visitor-empty">There is nothing to see here yet.</p>'
      : '';
  const body = `<main id="main" class="page">
<h1 id="page-title">${escapeHtml(o.collectionName)}</h1>
<p class="muted">You are visiting as ${escapeHtml(o.email)}.</p>
${galleries}${photo}${empty}
</main>`;
  return layout({ title: `${o.collectionName} · ${TITLE}`, csrfToken: o.csrfToken, body });
}
