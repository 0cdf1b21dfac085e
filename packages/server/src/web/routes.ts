import type { Role } from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/context.js';
import { APP_HOME } from '../auth/login-routes.js';
import { escapeHtml, PAGE_REFERRER_POLICY } from '../http/html.js';
import { OWNER, STAFF } from '../http/role-sets.js';
import { ACCOUNT_CONTENT } from './account-page.js';
import { type NavItem, renderAppPage } from './app-shell.js';
import { APP_CSS } from './assets.js';
import { COLLECTION_CONTENT, COLLECTIONS_CONTENT, SETTINGS_CONTENT } from './gallery-pages.js';
import { loginUrlFor, type PageViewer, pageViewer } from './page-session.js';
import { GALLERY_CONTENT } from './photo-pages.js';
import { SCRIPTS } from './static-assets.js';
import {
  AUDIT_CONTENT,
  CLIENTS_CONTENT,
  MEMBERS_CONTENT,
  NOTIFICATIONS_CONTENT,
  OUTBOX_CONTENT,
} from './studio-pages.js';
import { visitorRoutes } from './visitor-routes.js';

interface PageDef {
  /** Route path; also what the navigation marks as current. */
  path: string;
  /** Script and `data-page` name. */
  page: string;
  title: string;
  content: string;
  /** The navigation entry this page belongs to. */
  navPath: string;
  /** Only these roles may open it (others get a 403 page); absent: every role the app is for. */
  roles?: readonly Role[];
}

const UNREAD_BADGE =
  ' <span class="badge" id="unread-badge" hidden><span class="visually-hidden">, unread: </span><span id="unread-count"></span></span>';

const STUDIO_NAV: readonly NavItem[] = [
  { href: '/app/clients', label: 'Clients' },
  { href: '/app/notifications', label: 'Notifications', extra: UNREAD_BADGE },
  { href: '/app/outbox', label: 'Outbox' },
  // Owners only, as its API: the log names every member's addresses and devices.
  { href: '/app/audit', label: 'Audit log', roles: OWNER },
  { href: '/app/members', label: 'Members', roles: OWNER },
  { href: '/app/account', label: 'Account' },
];
const GALLERY_NAV: readonly NavItem[] = [
  { href: '/app/collections', label: 'Collections' },
  { href: '/app/settings', label: 'Settings' },
  { href: '/app/account', label: 'Account' },
];

const STUDIO_PAGES: readonly PageDef[] = [
  { path: '/app/clients', page: 'clients', title: 'Clients', content: CLIENTS_CONTENT },
  {
    path: '/app/notifications',
    page: 'notifications',
    title: 'Notifications',
    content: NOTIFICATIONS_CONTENT,
  },
  { path: '/app/outbox', page: 'outbox', title: 'Outbox', content: OUTBOX_CONTENT },
  { path: '/app/audit', page: 'audit', title: 'Audit log', content: AUDIT_CONTENT, roles: OWNER },
  {
    path: '/app/members',
    page: 'members',
    title: 'Members',
    content: MEMBERS_CONTENT,
    roles: OWNER,
  },
  { path: '/app/account', page: 'account', title: 'Account', content: ACCOUNT_CONTENT },
].map((p) => ({ ...p, navPath: p.path }));

const GALLERY_PAGES: readonly PageDef[] = [
  {
    path: '/app/collections',
    page: 'collections',
    title: 'Collections',
    content: COLLECTIONS_CONTENT,
    navPath: '/app/collections',
  },
  {
    path: '/app/collections/:id',
    page: 'collection',
    title: 'Collection',
    content: COLLECTION_CONTENT,
    navPath: '/app/collections',
  },
  {
    path: '/app/collections/:id/galleries/:galleryId',
    page: 'gallery',
    title: 'Gallery',
    content: GALLERY_CONTENT,
    navPath: '/app/collections',
  },
  {
    path: '/app/settings',
    page: 'settings',
    title: 'Settings',
    content: SETTINGS_CONTENT,
    navPath: '/app/settings',
  },
  {
    path: '/app/account',
    page: 'account',
    title: 'Account',
    content: ACCOUNT_CONTENT,
    navPath: '/app/account',
  },
];

function sendHtml(reply: FastifyReply, status: number, html: string) {
  // Pages carry the CSRF token and the user's name: never cached.
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', PAGE_REFERRER_POLICY)
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Pages and their assets are for browsers, not part of the API's OpenAPI document. */
const PAGE = { hide: true } as const;

/** Pages: the stylesheet and scripts, and the signed-in pages of the Studio or Gallery app. */
export async function webRoutes(app: FastifyInstance, ctx: AuthContext): Promise<void> {
  const studio = ctx.api === 'studio';
  const pages = studio ? STUDIO_PAGES : GALLERY_PAGES;
  const nav = studio ? STUDIO_NAV : GALLERY_NAV;
  const firstPage = pages[0]?.path ?? APP_HOME;
  // Share links are opened on the Gallery API's host.
  if (!studio) await visitorRoutes(app, ctx);

  app.get('/assets/app.css', { config: { auth: 'none' }, schema: PAGE }, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(APP_CSS),
  );

  // Only the scripts read at start-up are served: the path is a key, never a file name.
  app.get('/assets/*', { config: { auth: 'none' }, schema: PAGE }, async (request, reply) => {
    const { '*': path } = request.params as { '*': string };
    const script = SCRIPTS.get(path);
    if (script === undefined) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    }
    return reply
      .type(script.type)
      .header('cache-control', 'public, max-age=300')
      .send(script.source);
  });

  app.get('/', { config: { auth: 'none' }, schema: PAGE }, async (_request, reply) =>
    reply.redirect(APP_HOME, 302),
  );
  app.get(APP_HOME, { config: { auth: 'none' }, schema: PAGE }, async (_request, reply) =>
    reply.redirect(firstPage, 302),
  );

  function noAccess(viewer: PageViewer): string {
    const galleryUrl = ctx.config.publicGalleryUrl;
    const link = galleryUrl
      ? `<p><a href="${escapeHtml(new URL('/app/', galleryUrl).href)}">Go to your galleries</a></p>`
      : '<p>Open the link to your galleries that your photographer sent you.</p>';
    return renderAppPage({
      app: ctx.api,
      page: 'no-access',
      title: 'No access',
      csrfToken: viewer.csrfToken,
      user: viewer,
      nav: [],
      current: '',
      script: null,
      content: `<div class="panel"><p>You are signed in as <strong>${escapeHtml(viewer.email)}</strong>, a gallery client account. The Studio is only for the studio's owner and assistants.</p>${link}</div>`,
    });
  }

  function ownersOnly(viewer: PageViewer, def: PageDef, shown: readonly NavItem[]): string {
    return renderAppPage({
      app: ctx.api,
      page: 'no-access',
      title: def.title,
      csrfToken: viewer.csrfToken,
      user: viewer,
      nav: shown,
      current: '',
      script: null,
      content: `<div class="panel"><p>The ${escapeHtml(def.title)} page is for the studio's owners.</p></div>`,
    });
  }

  for (const def of pages) {
    app.get(
      def.path,
      { config: { auth: 'optional' }, schema: PAGE },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const viewer = await pageViewer(request, reply, ctx);
        if (!viewer) return reply.redirect(loginUrlFor(request), 303);
        // Gallery clients have no Studio: the API answers them 403, and so does the page.
        if (studio && !STAFF.includes(viewer.role)) {
          return sendHtml(reply, 403, noAccess(viewer));
        }
        const shown = nav.filter((item) => !item.roles || item.roles.includes(viewer.role));
        if (def.roles && !def.roles.includes(viewer.role)) {
          return sendHtml(reply, 403, ownersOnly(viewer, def, shown));
        }
        return sendHtml(
          reply,
          200,
          renderAppPage({
            app: ctx.api,
            page: def.page,
            title: def.title,
            csrfToken: viewer.csrfToken,
            user: viewer,
            nav: shown,
            current: def.navPath,
            content: def.content,
          }),
        );
      },
    );
  }
}
