import {
  EMAIL_CHANGE_ACCEPTED_MESSAGE,
  EmailChangeConfirm,
  EmailChanged,
  EmailChangeRequest,
  EmailSentAccepted,
  PATHS,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { inApiScope } from '../../http/api-path.js';
import { AppError } from '../../http/app-error.js';
import { noStore, PageOrError, Redirect, responses } from '../../http/responses.js';
import { answerEmailSent, linkToken, lookUpLink, sendAuthPage } from '../auth-page.js';
import type { AuthContext } from '../context.js';
import { preSessionCsrfToken } from '../csrf.js';
import { requireCurrentPassword } from '../current-password.js';
import { formPost } from '../form-post.js';
import { emailLinkBase } from '../link-base.js';
import { signedIn } from '../signed-in.js';
import { renderConfirmEmailPage } from './email-change-page.js';
import type { EmailChanges } from './email-changes.js';

/** What the email-change routes need besides the auth context. */
export interface EmailChangeRouteContext extends AuthContext {
  emailChanges: EmailChanges;
}

/** `POST /api/v1/account/email`, in the `/api/v1` scope of both APIs (signed in). */
export async function emailChangeRoutes(
  app: FastifyInstance,
  ctx: EmailChangeRouteContext,
): Promise<void> {
  app.post(
    inApiScope(PATHS.accountEmail),
    {
      schema: {
        operationId: 'changeEmail',
        summary: 'Ask to sign in with another email address: a link to confirm goes there',
        description:
          'Needs the password again: a wrong one is a 422 on `password`, throttled like sign-ins. Answers 202 with the same body whether another user has the address or not: the new address gets a link to confirm (single-use, `PROOFSHEET_VERIFICATION_LIFETIME`; a newer request makes older links stop working), or a note when it is taken, and the current address a notice. The address changes only when the link is opened (`POST /account/email/confirm`); until then the user signs in with the current one. 422 when the address is the current one.',
        tags: ['Auth'],
        body: EmailChangeRequest,
        response: responses({ 202: EmailSentAccepted }, { body: true }),
      },
    },
    async (request, reply) => {
      const auth = signedIn(request);
      const body = request.body as EmailChangeRequest;
      // As a member of the session's studio: its audit log records the change.
      const user = await ctx.storage.users.findMember(auth.login.accountId, auth.login.userId);
      if (!user) throw new AppError('session_expired');
      await requireCurrentPassword(ctx, user, body.password, request.ip, 'password');
      await ctx.emailChanges.request(
        user,
        body.email,
        auditMeta(request),
        emailLinkBase(request, ctx),
      );
      return answerEmailSent(reply, {
        wantsPage: false,
        page: PATHS.accountEmail,
        message: EMAIL_CHANGE_ACCEPTED_MESSAGE,
      });
    },
  );
}

/**
 * `GET|POST /account/email/confirm` on both APIs: the page of the link sent to the new
 * address, and its post. Works signed out (the link may be opened on another device), without
 * JavaScript, with the pre-session CSRF token like the sign-in page.
 */
export async function confirmEmailRoutes(
  app: FastifyInstance,
  ctx: EmailChangeRouteContext,
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: string,
  ) {
    const token = linkToken(request);
    const link = await lookUpLink(
      () => ctx.emailChanges.pending(token),
      ['email_change_token_invalid'],
    );
    const html = renderConfirmEmailPage({
      csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
      token,
      newEmail: link.ok ? link.found.newEmail : null,
      error: link.ok ? error : link.refusal.message,
    });
    return sendAuthPage(reply, link.ok || status !== 200 ? status : link.refusal.statusCode, html);
  }

  app.get(
    PATHS.confirmEmail,
    { schema: { hide: true }, config: { auth: 'none' } },
    (request, reply) => page(request, reply, 200),
  );

  app.post(
    PATHS.confirmEmail,
    {
      schema: {
        operationId: 'confirmEmailChange',
        summary: 'Confirm a new email address with the token of the link sent to it',
        description:
          'The token works once and expires; an unknown, used (or superseded) or expired one gets 400 `email_change_token_invalid`, saying which. The user signs in with the new address from now on (their sessions go on), reset links sent to the old address stop working, and the old address was told when the change was asked for. 409 `email_taken` when another user took the address since. A form post (`Accept: text/html`) is redirected to the sign-in page, which says so.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: EmailChangeConfirm,
        response: {
          ...responses(
            {
              200: EmailChanged,
              303: Redirect('Browsers: to the sign-in page, which says the address changed'),
            },
            { body: true },
          ),
          400: PageOrError('email_change_token_invalid'),
          403: PageOrError('csrf_mismatch'),
          409: PageOrError('email_taken'),
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
        { page, invalid: 'This page needs the link from the email.', shown: [400, 409] },
        async (wantsPage) => {
          const body = request.body as EmailChangeConfirm;
          const user = await ctx.emailChanges.confirm(body.token, auditMeta(request));
          noStore(reply);
          if (wantsPage) return reply.redirect(`${PATHS.login}?reason=email_changed`, 303);
          return { data: { email: user.email } };
        },
      ),
  );
}
