import { HEADERS, type PATHS, VisitorEntered, VisitorEntry } from '@proofsheet/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/context.js';
import { preSessionCsrfToken, presentsPreSessionCsrf } from '../auth/csrf.js';
import { wantsHtml } from '../auth/login-routes.js';
import { LoginThrottle, throttledError } from '../auth/login-throttle.js';
import { isSecretShaped } from '../auth/tokens.js';
import type { VisitorAccess } from '../auth/visitors.js';
import { downloadCapability, downloadPolicy } from '../gallery/downloads/policy.js';
import { readablePhoto } from '../gallery/photos/access.js';
import { photoUrls } from '../gallery/photos/view.js';
import { visitorResolver } from '../gallery/sharing/visitor-access.js';
import {
  type EntryContext,
  enterLink,
  type OpenLink,
  openLink,
} from '../gallery/sharing/visitor-entry.js';
import { visitorViewer } from '../gallery/viewer.js';
import { AppError } from '../http/app-error.js';
import { PAGE_REFERRER_POLICY } from '../http/html.js';
import { MAX_PARAM_LENGTH } from '../http/path-params.js';
import { noStore, PageOrError, Redirect, responses } from '../http/responses.js';
import { formatTimestamp } from '../http/timestamp.js';
import { validationDetails } from '../http/validation-details.js';
import { visitorLeaveRoute } from './visitor-leave.js';
import {
  renderEntryPage,
  renderNoticePage,
  renderVisitPage,
  type VisitPhoto,
} from './visitor-page.js';

/** Where a visitor lands after entering. */
export const VISIT_PAGE: (typeof PATHS)['visit'] = '/visit';

const TokenParams = Type.Object(
  { token: Type.String({ maxLength: MAX_PARAM_LENGTH }) },
  { additionalProperties: false },
);

const GONE = {
  heading: 'This link does not work',
  message: 'It may have been revoked, or mistyped. Ask your photographer for a new one.',
};
const EXPIRED = {
  heading: 'This link has expired',
  message: 'Ask your photographer for a new link if you still need the photos.',
};

function sendPage(reply: FastifyReply, status: number, html: string) {
  // Pages carry a CSRF token, and an entry page's URL its link's secret: never cached.
  noStore(reply);
  return reply
    .code(status)
    .header('referrer-policy', PAGE_REFERRER_POLICY)
    .type('text/html; charset=utf-8')
    .send(html);
}

/**
 * The share-link pages of the Gallery API: `GET /s/{token}` asks for an email (and passwords),
 * `POST /s/{token}` enters and sets the visitor cookie, `GET /visit` is the visitor's page (the
 * gallery, through `assets/visit.ts`), `POST /s/leave` ends the visit (visitor-leave.ts).
 */
export async function visitorRoutes(app: FastifyInstance, ctx: AuthContext): Promise<void> {
  const entry: EntryContext = {
    storage: ctx.storage,
    clock: ctx.clock,
    random: ctx.random,
    config: ctx.config,
    passwords: ctx.passwords,
    // The same limits as sign-ins, counted apart, keyed by link instead of email.
    throttle: new LoginThrottle(ctx.storage.counters, ctx.config, 'share'),
  };
  const visitors = visitorResolver(ctx.storage, ctx.clock);

  async function entryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    open: OpenLink,
    token: string,
    status: number,
    error?: string,
  ) {
    const account = await ctx.storage.accounts.findById(open.link.accountId);
    const body = request.body as { email?: unknown } | undefined;
    return sendPage(
      reply,
      status,
      renderEntryPage({
        token,
        collectionName: open.collection.name,
        studioName: account?.name ?? 'Your photographer',
        csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
        email: typeof body?.email === 'string' ? body.email : '',
        linkPassword: open.linkPassword,
        collectionPassword: open.collectionPassword,
        error,
      }),
    );
  }

  /** The visitor the browser already is for this link, if their session still runs unlocked. */
  async function currentVisitor(request: FastifyRequest): Promise<VisitorAccess | null> {
    return visitors.resolve(ctx.cookies.read(request, 'visitor'));
  }

  // A page for browsers, not part of the API's document.
  app.get(
    '/s/:token',
    { schema: { hide: true, params: TokenParams }, config: { auth: 'none' } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const state = await openLink(entry, token);
      if (state.status === 'unknown') {
        return sendPage(reply, 404, renderNoticePage(GONE.heading, GONE.message));
      }
      if (state.status === 'expired') {
        return sendPage(reply, 404, renderNoticePage(EXPIRED.heading, EXPIRED.message));
      }
      const already = await currentVisitor(request);
      if (already && already.linkId === state.link.id && !already.locked) {
        return reply.redirect(VISIT_PAGE, 303);
      }
      return entryPage(request, reply, state, token, 200);
    },
  );

  app.post(
    '/s/:token',
    {
      schema: {
        operationId: 'enterShareLink',
        summary: "Enter a share link: leave an email, and the link's and collection's passwords",
        description:
          "For visitors without an account. Records the visitor (one per email and collection) and sets the HttpOnly visitor cookie, bound to the link, and the `XSRF-TOKEN` cookie with the visitor's CSRF token. The visitor then reads the link's collection through `/api/v1` (the routes that say they take visitors) until the link is revoked or expires. Wrong passwords are throttled like sign-ins. A browser must echo the `XSRF-TOKEN` cookie of the link's page (`_csrf`), and a form post with `Accept: text/html` is answered with a redirect to `/visit`, or the form again with the problem.",
        tags: ['Sharing'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        params: TokenParams,
        body: VisitorEntry,
        response: {
          ...responses(
            {
              200: VisitorEntered,
              303: Redirect("Browsers (Accept: text/html): to the visitor's page"),
            },
            { body: true, found: true, also: [401] },
          ),
          401: PageOrError('invalid_credentials'),
          403: PageOrError('csrf_mismatch'),
          404: PageOrError('not_found'),
          422: PageOrError('validation_failed'),
          429: PageOrError('rate_limited'),
        },
      },
      // Validation errors reach the handler, so that a browser gets the form back, not JSON.
      attachValidation: true,
      config: { auth: 'none', csrf: 'origin' },
    },
    async (request, reply) => {
      const html = wantsHtml(request);
      const { token } = request.params as { token: string };
      const state = await openLink(entry, token);
      if (state.status !== 'open') {
        if (html) {
          const notice = state.status === 'expired' ? EXPIRED : GONE;
          return sendPage(reply, 404, renderNoticePage(notice.heading, notice.message));
        }
        throw new AppError(
          'not_found',
          state.status === 'expired' ? 'This share link has expired' : 'No such share link',
        );
      }
      if (request.validationError) {
        if (html) return entryPage(request, reply, state, token, 422, 'Enter your email address.');
        const details = validationDetails(request.validationError.validation);
        throw new AppError('validation_failed', 'An email address is required', details);
      }
      if (!presentsPreSessionCsrf(request, ctx.cookies)) {
        if (html)
          return entryPage(
            request,
            reply,
            state,
            token,
            403,
            'The form expired. Please try again.',
          );
        throw new AppError('csrf_mismatch');
      }
      const form = request.body as VisitorEntry;
      const outcome = await enterLink(entry, token, form, {
        ip: request.ip,
        replaces: ctx.cookies.read(request, 'visitor'),
      });
      switch (outcome.status) {
        case 'unknown':
        case 'expired': {
          if (html) return sendPage(reply, 404, renderNoticePage(GONE.heading, GONE.message));
          throw new AppError('not_found', 'No such share link');
        }
        case 'throttled': {
          const error = throttledError(outcome.waitMs, 'Too many wrong passwords');
          if (!html) throw error;
          for (const [name, value] of Object.entries(error.headers ?? {}))
            reply.header(name, value);
          return entryPage(request, reply, state, token, 429, error.message);
        }
        case 'wrong_password': {
          if (html)
            return entryPage(request, reply, state, token, 401, 'That password is not right.');
          throw new AppError('invalid_credentials', 'The password is not right');
        }
        case 'entered':
          break;
      }
      const maxAgeMs = outcome.expiresAt.getTime() - ctx.clock.now().getTime();
      ctx.cookies.issueVisitor(reply, outcome.token, outcome.csrfToken, maxAgeMs);
      noStore(reply);
      request.log.info(
        { visitorId: outcome.visitor.id, linkId: state.link.id },
        'visitor entered a share link',
      );
      if (html) return reply.redirect(VISIT_PAGE, 303);
      reply.header(HEADERS.csrfToken, outcome.csrfToken);
      return {
        data: {
          visitor: { id: outcome.visitor.id, email: outcome.visitor.email },
          collection_id: outcome.collectionId,
          csrf_token: outcome.csrfToken,
          expires_at: formatTimestamp(outcome.expiresAt),
        },
      };
    },
  );

  await visitorLeaveRoute(app, ctx, visitors, VISIT_PAGE);

  // The visitor's page, for browsers.
  app.get(
    VISIT_PAGE,
    { schema: { hide: true }, config: { auth: 'none' } },
    async (request, reply) => {
      const cookie = ctx.cookies.read(request, 'visitor');
      const access = isSecretShaped(cookie) ? await visitors.resolve(cookie) : null;
      if (!access) {
        if (cookie !== undefined) ctx.cookies.clearVisitor(reply);
        // A page that says what to do, as the sign-in page does: nothing here is refused. No
        // cookie at all: the visitor left (or never came), so the link still works.
        return sendPage(
          reply,
          200,
          renderNoticePage(
            'Your visit has ended',
            cookie === undefined
              ? 'Open the link your photographer sent you to see the photos again.'
              : 'The link you used was revoked or has expired. Open the link your photographer sent you again, or ask for a new one.',
          ),
        );
      }
      if (access.locked) {
        return sendPage(
          reply,
          403,
          renderNoticePage(
            'The password has changed',
            'Open the link your photographer sent you again and enter the new password.',
          ),
        );
      }
      const viewer = await visitorViewer(ctx, access);
      const collection = await ctx.storage.collections.findById(
        viewer.accountId,
        access.collectionId,
        viewer.visibleTo,
      );
      if (!collection) {
        return sendPage(reply, 404, renderNoticePage(EXPIRED.heading, EXPIRED.message));
      }
      const galleries = await ctx.storage.galleries.listForCollection(
        viewer.accountId,
        collection.id,
        viewer.visibleTo,
      );
      let photo: VisitPhoto | null = null;
      if (access.photoId !== null) {
        try {
          const found = await readablePhoto(ctx, viewer, access.photoId);
          const preview = photoUrls(found.photo, { original: false }).preview;
          const policy = downloadPolicy(
            downloadCapability(viewer),
            found.collection,
            found.gallery,
          );
          photo = preview
            ? {
                id: found.photo.id,
                src: preview.jpeg,
                alt: found.photo.filename,
                width: preview.width,
                height: preview.height,
                downloadable: policy.allowed,
              }
            : null;
        } catch (error) {
          // The photo was deleted or hidden since: the page says there is nothing to see.
          if (!(error instanceof AppError && error.code === 'not_found')) throw error;
        }
      }
      return sendPage(
        reply,
        200,
        renderVisitPage({
          collectionId: collection.id,
          collectionName: collection.name,
          email: access.email,
          csrfToken: access.csrfToken,
          galleries: galleries.map((g) => ({
            name: g.name,
            photoCount: g.photoCount,
            videoCount: g.videoCount,
          })),
          photo,
        }),
      );
    },
  );
}
