import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_RESET_ACCEPTED_MESSAGE,
  PATHS,
  PasswordResetAccepted,
  PasswordResetConfirm,
  PasswordResetDone,
  PasswordResetRequest,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { noStore, PageOrError, Redirect, responses } from '../../http/responses.js';
import { answerEmailSent, linkToken, sendAuthPage } from '../auth-page.js';
import type { AuthContext } from '../context.js';
import { preSessionCsrfToken } from '../csrf.js';
import { formPost } from '../form-post.js';
import { emailLinkBase } from '../link-base.js';
import type { PasswordResets } from './password-resets.js';
import { renderForgotPage, renderResetPage } from './reset-pages.js';

/** What the reset routes need besides the auth context. */
export interface ResetRouteContext extends AuthContext {
  resets: PasswordResets;
}

/**
 * `GET|POST /forgot-password` and `GET|POST /reset-password`: the pages work without
 * JavaScript like the sign-in page (a form post, pre-session CSRF token, redirects), and the
 * posts answer JSON to other clients.
 */
export async function resetRoutes(app: FastifyInstance, ctx: ResetRouteContext): Promise<void> {
  function forgotPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: string,
  ) {
    const body = request.body as { email?: unknown } | undefined;
    const query = request.query as { sent?: string };
    return sendAuthPage(
      reply,
      status,
      renderForgotPage({
        csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
        email: typeof body?.email === 'string' ? body.email : '',
        error,
        sent: query.sent === '1' && !error ? PASSWORD_RESET_ACCEPTED_MESSAGE : undefined,
      }),
    );
  }

  function resetPage(request: FastifyRequest, reply: FastifyReply, status: number, error?: string) {
    return sendAuthPage(
      reply,
      status,
      renderResetPage({
        csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
        token: linkToken(request),
        error,
      }),
    );
  }

  const pageConfig = { auth: 'none' } as const;
  app.get(PATHS.forgotPassword, { schema: { hide: true }, config: pageConfig }, (request, reply) =>
    forgotPage(request, reply, 200),
  );
  app.get(PATHS.resetPassword, { schema: { hide: true }, config: pageConfig }, (request, reply) =>
    resetPage(request, reply, 200),
  );

  app.post(
    PATHS.forgotPassword,
    {
      schema: {
        operationId: 'requestPasswordReset',
        summary: 'Ask for a password reset link by email',
        description:
          'Always answers 202 with the same body, whether an account has the address or not, and takes the same time: a job looks the account up and sends the link, which works once and expires (`PROOFSHEET_PASSWORD_RESET_LIFETIME`). Throttled per IP and per address (429). A browser must echo the `XSRF-TOKEN` cookie of the page, as `POST /login` asks; a form post (`Accept: text/html`) is redirected back to the page, which says the link is on its way.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: PasswordResetRequest,
        response: {
          ...responses(
            {
              202: PasswordResetAccepted,
              303: Redirect('Browsers: back to the page, which says a link is on its way'),
            },
            { body: true },
          ),
          403: PageOrError('csrf_mismatch'),
          422: PageOrError('validation_failed'),
          429: PageOrError('rate_limited'),
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
        { page: forgotPage, invalid: 'Enter your email address.', shown: [429] },
        async (wantsPage) => {
          const body = request.body as PasswordResetRequest;
          await ctx.resets.request(body.email, auditMeta(request), emailLinkBase(request, ctx));
          return answerEmailSent(reply, {
            wantsPage,
            page: PATHS.forgotPassword,
            message: PASSWORD_RESET_ACCEPTED_MESSAGE,
          });
        },
      ),
  );

  app.post(
    PATHS.resetPassword,
    {
      schema: {
        operationId: 'resetPassword',
        summary: 'Set a new password with the token of a reset link',
        description:
          'The token works once and expires; a used, expired or unknown one gets 400 `reset_token_invalid`, saying which. The new password follows the rules of `PUT /api/v1/account/password`: 10 to 1024 characters, and 422 `validation_failed` when it is common, guessable or made of the person’s or studio’s details (the link still works then). Every sign-in of the user ends (sessions and auth tokens), and other reset links stop working. A form post (`Accept: text/html`) is redirected to the sign-in page.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: PasswordResetConfirm,
        response: {
          ...responses(
            {
              200: PasswordResetDone,
              303: Redirect('Browsers: to the sign-in page, which says the password changed'),
            },
            { body: true },
          ),
          400: PageOrError('reset_token_invalid'),
          403: PageOrError('csrf_mismatch'),
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
          page: resetPage,
          invalid: `The new password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`,
          // A bad link, or a password too easy to guess.
          shown: [400, 422],
        },
        async (wantsPage) => {
          const body = request.body as PasswordResetConfirm;
          const revoked = await ctx.resets.confirm(body.token, body.password, auditMeta(request));
          // A browser still holding cookies of the old password's sessions: they are dead now.
          ctx.cookies.clear(reply);
          noStore(reply);
          request.log.info({ revoked }, 'password reset');
          if (wantsPage) return reply.redirect(`${PATHS.login}?reason=reset`, 303);
          return { data: { reset: true, revoked_sessions: revoked } };
        },
      ),
  );
}
