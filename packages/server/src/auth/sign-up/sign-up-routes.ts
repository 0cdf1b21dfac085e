import {
  EmailSentAccepted,
  LoginResponse,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PATHS,
  SIGN_UP_ACCEPTED_MESSAGE,
  SignUpComplete,
  SignUpRequest,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { AppError } from '../../http/app-error.js';
import { PageOrError, Redirect, responses } from '../../http/responses.js';
import { answerEmailSent, linkToken, lookUpLink, sendAuthPage } from '../auth-page.js';
import type { AuthContext } from '../context.js';
import { preSessionCsrfToken } from '../csrf.js';
import { formPost } from '../form-post.js';
import { emailLinkBase } from '../link-base.js';
import { APP_HOME } from '../login-routes.js';
import { finishSignIn } from '../sign-in.js';
import { renderCompleteSignUpPage, renderSignUpPage } from './sign-up-pages.js';
import type { SignUps } from './sign-ups.js';

/** What the sign-up routes need besides the auth context. */
export interface SignUpRouteContext extends AuthContext {
  signUps: SignUps;
}

/** The string field `key` of a form or JSON body, as typed, or ''. */
function typed(body: unknown, key: string): string {
  const value = (body as Partial<Record<string, unknown>> | undefined)?.[key];
  return typeof value === 'string' ? value : '';
}

/**
 * `GET /signup`, `POST /api/v1/signup` and `GET|POST /signup/complete`, on the Studio API (a
 * studio is made there). The pages work without JavaScript like the sign-in page (a form post
 * with the pre-session CSRF token), and the posts answer JSON to other clients. Completing
 * signs the new owner in, with the three cookies `POST /login` sets.
 */
export async function signUpRoutes(app: FastifyInstance, ctx: SignUpRouteContext): Promise<void> {
  const open = () => ctx.config.signUp === 'open';

  function signUpPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: string,
  ) {
    const query = request.query as { sent?: unknown };
    const body = request.body;
    const html = renderSignUpPage({
      csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
      open: open(),
      values: {
        email: typed(body, 'email'),
        studioName: typed(body, 'studio_name'),
        firstName: typed(body, 'first_name'),
        lastName: typed(body, 'last_name'),
      },
      error,
      sent: query.sent === '1' && !error ? SIGN_UP_ACCEPTED_MESSAGE : undefined,
    });
    return sendAuthPage(reply, status, html);
  }

  async function completePage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: string,
  ) {
    const token = linkToken(request);
    const link = await lookUpLink(
      () => ctx.signUps.pending(token),
      ['sign_up_token_invalid', 'sign_up_closed'],
    );
    const html = renderCompleteSignUpPage({
      csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
      token,
      signUp: link.ok ? { email: link.found.email, studioName: link.found.studioName } : null,
      error: link.ok ? error : link.refusal.message,
    });
    return sendAuthPage(reply, link.ok || status !== 200 ? status : link.refusal.statusCode, html);
  }

  const pageConfig = { auth: 'none' } as const;
  app.get(PATHS.signUpPage, { schema: { hide: true }, config: pageConfig }, (request, reply) =>
    signUpPage(request, reply, open() ? 200 : 403),
  );
  app.get(PATHS.completeSignUp, { schema: { hide: true }, config: pageConfig }, (request, reply) =>
    completePage(request, reply, 200),
  );

  app.post(
    PATHS.signUp,
    {
      schema: {
        operationId: 'signUp',
        summary: 'Ask to make a studio: a link to finish goes to the email address',
        description:
          'Only when sign-up is open (`PROOFSHEET_SIGN_UP=open`), else 403 `sign_up_closed`. Always answers 202 with the same body, whether a user has the address or not, and takes the same time: a job sends the address a link to finish (which works once and expires, `PROOFSHEET_VERIFICATION_LIFETIME`), or, when a user has it, a note saying so. Nothing is made until the link is opened. Throttled per IP and per address (429), as password reset requests are. A browser must echo the `XSRF-TOKEN` cookie of the page, as `POST /login` asks; a form post (`Accept: text/html`) is redirected back to the page, which says the link is on its way.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: SignUpRequest,
        response: {
          ...responses(
            {
              202: EmailSentAccepted,
              303: Redirect('Browsers: back to the page, which says a link is on its way'),
            },
            { body: true },
          ),
          403: PageOrError('sign_up_closed'),
          422: PageOrError('validation_failed'),
          429: PageOrError('rate_limited'),
        },
      },
      attachValidation: true,
      config: {
        auth: 'none',
        csrf: 'origin',
        bodyTypes: ['application/json', 'application/x-www-form-urlencoded'],
      },
    },
    (request, reply) =>
      formPost(
        request,
        reply,
        ctx.cookies,
        {
          page: signUpPage,
          invalid: 'Enter the studio name, your first name and your email address.',
          shown: [403, 422, 429],
        },
        async (wantsPage) => {
          const body = request.body as SignUpRequest;
          const blank = (['studio_name', 'first_name'] as const).filter(
            (key) => body[key].trim() === '',
          );
          if (blank.length > 0) {
            throw new AppError(
              'validation_failed',
              'Enter the studio name and your first name.',
              Object.fromEntries(blank.map((key) => [key, ['is required']])),
            );
          }
          await ctx.signUps.request(body, auditMeta(request), emailLinkBase(request, ctx));
          return answerEmailSent(reply, {
            wantsPage,
            page: PATHS.signUpPage,
            message: SIGN_UP_ACCEPTED_MESSAGE,
          });
        },
      ),
  );

  app.post(
    PATHS.completeSignUp,
    {
      schema: {
        operationId: 'completeSignUp',
        summary: 'Finish a sign-up: choose the owner’s password; the studio is made and signed in',
        description:
          'The token of the sign-up email’s link works once and expires; an unknown, used or expired one gets 400 `sign_up_token_invalid`, the message saying which (403 `sign_up_closed` once sign-up is no longer open). The password follows the rules of `PUT /api/v1/account/password` (422 `validation_failed` with advice; the link still works then). The studio and its owner are made in one transaction and the owner signed in, with the cookies of `POST /login` (201); an address that became a user’s since is a 409 `email_taken`. A browser must echo the `XSRF-TOKEN` cookie of the page; a form post (`Accept: text/html`) is redirected into the app.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: SignUpComplete,
        response: {
          ...responses(
            { 201: LoginResponse, 303: Redirect('Browsers: into the app, signed in') },
            { body: true },
          ),
          400: PageOrError('sign_up_token_invalid'),
          403: PageOrError('sign_up_closed'),
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
        {
          page: completePage,
          invalid: `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`,
          // A bad link, sign-up closed, the address taken, or a password too easy to guess.
          shown: [400, 403, 409, 422],
        },
        async (wantsPage) => {
          const body = request.body as SignUpComplete;
          const owner = await ctx.signUps.complete(body.token, body.password, auditMeta(request));
          request.log.info({ userId: owner.id, accountId: owner.accountId }, 'signed up');
          return finishSignIn(ctx, request, reply, owner, {
            html: wantsPage,
            next: APP_HOME,
            method: 'password',
            created: true,
          });
        },
      ),
  );
}
