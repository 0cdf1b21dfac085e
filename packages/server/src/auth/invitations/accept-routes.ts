import {
  InvitationAccept,
  LoginResponse,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PATHS,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import { AppError } from '../../http/app-error.js';
import { PageOrError, Redirect, responses } from '../../http/responses.js';
import { linkToken, lookUpLink, sendAuthPage } from '../auth-page.js';
import type { AuthContext } from '../context.js';
import { preSessionCsrfToken } from '../csrf.js';
import { formPost } from '../form-post.js';
import { APP_HOME } from '../login-routes.js';
import { finishSignIn } from '../sign-in.js';
import { type AcceptPageInvitation, renderAcceptPage } from './accept-page.js';
import type { Invitations } from './invitations.js';

/** What the accept routes need besides the auth context. */
export interface AcceptRouteContext extends AuthContext {
  invitations: Invitations;
}

/**
 * `GET|POST /invitations/accept` on both APIs (staff are sent to the Studio's, clients to the
 * Gallery's): the page works without JavaScript like the sign-in page (a form post with the
 * pre-session CSRF token), and the post answers JSON to other clients. Accepting signs the
 * new user in, with the three cookies `POST /login` sets.
 */
export async function acceptRoutes(app: FastifyInstance, ctx: AcceptRouteContext): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: string,
  ) {
    const body = request.body as Partial<Record<string, unknown>> | undefined;
    const token = linkToken(request);
    const link = await lookUpLink(
      () => ctx.invitations.pending(token),
      ['invitation_token_invalid'],
    );
    let invitation: AcceptPageInvitation | null = null;
    if (link.ok) {
      const account = await ctx.storage.accounts.findById(link.found.accountId);
      const typed = (key: string, fallback: string) =>
        typeof body?.[key] === 'string' ? (body[key] as string) : fallback;
      invitation = {
        email: link.found.email,
        studioName: account?.name ?? 'The studio',
        firstName: typed('first_name', link.found.firstName),
        lastName: typed('last_name', link.found.lastName),
      };
    }
    const html = renderAcceptPage({
      csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
      token,
      invitation,
      error: link.ok ? error : link.refusal.message,
    });
    return sendAuthPage(reply, link.ok || status !== 200 ? status : link.refusal.statusCode, html);
  }

  app.get(
    PATHS.acceptInvitation,
    { schema: { hide: true }, config: { auth: 'none' } },
    (request, reply) => page(request, reply, 200),
  );

  app.post(
    PATHS.acceptInvitation,
    {
      schema: {
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation: choose a name and password, and be signed in',
        description:
          'The token of the invitation email’s link works once and expires (`PROOFSHEET_INVITATION_LIFETIME`); an unknown, used, withdrawn or expired one gets 400 `invitation_token_invalid`, the message saying which. The password follows the rules of `PUT /api/v1/account/password` (422 `validation_failed` with advice; the link still works then). The user is made in the inviting studio with the invited role and signed in, with the cookies of `POST /login`; an address that became a user’s since is a 409 `already_member`. A browser must echo the `XSRF-TOKEN` cookie of the page, as `POST /login` asks; a form post (`Accept: text/html`) is redirected into the app.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: InvitationAccept,
        response: {
          ...responses(
            {
              201: LoginResponse,
              303: Redirect('Browsers: into the app, signed in'),
            },
            { body: true },
          ),
          400: PageOrError('invitation_token_invalid'),
          403: PageOrError('csrf_mismatch'),
          409: PageOrError('already_member'),
          422: PageOrError('validation_failed'),
        },
      },
      attachValidation: true,
      config: { auth: 'none', csrf: 'origin' },
    },
    (request, reply) =>
      formPost(
        request,
        reply,
        ctx.cookies,
        {
          page,
          invalid: `Enter your first name, and a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
          // A bad link, an address taken since, or a password too easy to guess.
          shown: [400, 409, 422],
        },
        async (wantsPage) => {
          const body = request.body as InvitationAccept;
          if (body.first_name.trim() === '') {
            throw new AppError('validation_failed', 'Enter your first name.', {
              first_name: ['is required'],
            });
          }
          const user = await ctx.invitations.accept({
            token: body.token,
            password: body.password,
            firstName: body.first_name,
            lastName: body.last_name,
          });
          await ctx.audit.record(
            auditMeta(request),
            userEvent('invitation.accepted', user, { role: user.role }),
          );
          request.log.info({ userId: user.id }, 'invitation accepted');
          return finishSignIn(ctx, request, reply, user, {
            html: wantsPage,
            next: APP_HOME,
            method: 'password',
            created: true,
          });
        },
      ),
  );
}
