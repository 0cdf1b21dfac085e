import { LogoutBody, type PATHS, VisitLeft } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../auth/context.js';
import { requireVisitorCsrf } from '../auth/csrf.js';
import { wantsHtml } from '../auth/login-routes.js';
import type { VisitorResolver } from '../auth/visitors.js';
import { optionalBody } from '../http/openapi/document.js';
import { requirement } from '../http/openapi/security.js';
import { noStore, Redirect, responses } from '../http/responses.js';

/** Where a visitor leaves: beside `POST /s/{token}`, where they entered. */
export const LEAVE_PATH: (typeof PATHS)['visitLeave'] = '/s/leave';

/**
 * `POST /s/leave`: a share-link visitor ends their visit, as `POST /logout` ends a session. With
 * a visitor session it needs that session's CSRF token; without one there is nothing to end,
 * and it still answers 200 and clears the cookie. Browsers go back to the visitor's page.
 */
export async function visitorLeaveRoute(
  app: FastifyInstance,
  ctx: AuthContext,
  visitors: VisitorResolver,
  visitPage: string,
): Promise<void> {
  app.post(
    LEAVE_PATH,
    {
      schema: {
        operationId: 'leaveShareLink',
        summary: 'Leave a share link: end the visitor session',
        description:
          "Ends the visitor session of the visitor cookie and clears the cookie. With a visitor session it needs that session's CSRF token (the header, or the form field `_csrf` of the visitor's page); without one it still answers 200, and clears the cookie. A form post with `Accept: text/html` is answered with a redirect to `/visit`, which then says the visit has ended. The visitor, their favorites and comments stay: entering the link again starts a new visit.",
        tags: ['Sharing'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        security: [requirement('visitor', 'csrf'), {}],
        ...optionalBody(LogoutBody),
        response: responses(
          {
            200: VisitLeft,
            303: Redirect("Browsers (Accept: text/html): to the visitor's page"),
          },
          // A body it may read: a wrong type or size is answered as on any route with one.
          { body: true },
        ),
      },
      // Not the guard's token check: a locked visitor (a changed password) may leave too, and
      // a form post's token is in its body, which the guard cannot read yet.
      config: { auth: 'none', csrf: 'origin' },
    },
    async (request, reply) => {
      const access = await visitors.resolve(ctx.cookies.read(request, 'visitor'));
      if (access) {
        // The token, not the cookie alone: else any page could end a visit by posting here.
        requireVisitorCsrf(request, access);
        await ctx.storage.visitors.endSession(access.tokenHash);
        request.log.info(
          { visitorId: access.visitorId, linkId: access.linkId },
          'visitor left a share link',
        );
      }
      ctx.cookies.clearVisitor(reply);
      noStore(reply);
      if (wantsHtml(request)) return reply.redirect(visitPage, 303);
      return { data: { left: true } };
    },
  );
}
