import {
  InvitationAccept,
  LoginResponse,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PATHS,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { SIGN_IN_FAILED, SIGN_IN_THROTTLED, userEvent } from '../../audit/auth-events.js';
import { AppError } from '../../http/app-error.js';
import { PageOrError, Redirect, responses } from '../../http/responses.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { linkToken, lookUpLink, sendAuthPage } from '../auth-page.js';
import type { AuthContext } from '../context.js';
import { preSessionCsrfToken } from '../csrf.js';
import { formPost } from '../form-post.js';
import { APP_HOME, MFA_REQUIRED_RESPONSE } from '../login-routes.js';
import { throttledError } from '../login-throttle.js';
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
 * member in (a new user, or one of another studio who gave their password), with the three
 * cookies `POST /login` sets.
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
      // Only the link's holder sees this: the address's owner, told they have an account.
      const existingUser = (await ctx.storage.users.findByEmail(link.found.email)) !== null;
      const typed = (key: string, fallback: string) =>
        typeof body?.[key] === 'string' ? (body[key] as string) : fallback;
      invitation = {
        email: link.found.email,
        studioName: account?.name ?? 'The studio',
        existingUser,
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

  /**
   * Makes the invitation's member: a new user with the name and password given, or, when the
   * address has an account already, that user once the password is theirs (checked and
   * throttled like a sign-in).
   */
  async function accept(request: FastifyRequest, body: InvitationAccept): Promise<UserRecord> {
    const invitation = await ctx.invitations.pending(body.token);
    const existing = await ctx.storage.users.findByEmail(invitation.email);
    if (!existing) {
      const firstName = body.first_name?.trim() ?? '';
      if (firstName === '') {
        throw new AppError('validation_failed', 'Enter your first name.', {
          first_name: ['is required'],
        });
      }
      if (body.password.length < MIN_PASSWORD_LENGTH) {
        throw new AppError(
          'validation_failed',
          `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
          { password: [`must be at least ${MIN_PASSWORD_LENGTH} characters`] },
        );
      }
      return ctx.invitations.accept({
        token: body.token,
        password: body.password,
        firstName,
        lastName: body.last_name ?? '',
      });
    }
    const outcome = await ctx.throttle.guess(
      existing.email,
      request.ip,
      ctx.clock.now(),
      async () =>
        (await ctx.passwords.verify(existing.passwordHash, body.password)) ? existing : null,
    );
    if (outcome.status === 'throttled') {
      ctx.audit.recordForEmail(auditMeta(request), existing.email, SIGN_IN_THROTTLED);
      throw throttledError(outcome.waitMs, 'Too many failed attempts');
    }
    if (outcome.status === 'wrong') {
      ctx.audit.recordForEmail(auditMeta(request), existing.email, SIGN_IN_FAILED);
      throw new AppError(
        'validation_failed',
        'That is not your password: enter the one you sign in with.',
        { password: ['is wrong'] },
      );
    }
    return ctx.invitations.join(body.token, existing.id);
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
        summary: 'Accept an invitation, and be signed in to the studio',
        description:
          'The token of the invitation email’s link works once and expires (`PROOFSHEET_INVITATION_LIFETIME`); an unknown, used, withdrawn or expired one gets 400 `invitation_token_invalid`, the message saying which. Someone new gives `first_name` (and `last_name`) and chooses a password, which follows the rules of `PUT /api/v1/account/password` (422 `validation_failed` with advice; the link still works then); the user is made in the inviting studio with the invited role. Someone whose address has an account already (in another studio) gives its `password` alone, checked and throttled like a sign-in (422 on `password` when wrong, 429 when throttled): they join the studio with the invited role, keep their other studios, and this studio is the one their sign-ins open until they switch (`POST /api/v1/account/studios/switch`). Either way the answer is that of `POST /login`: the cookies, or 401 `mfa_required` when the account has a second factor. A member of the studio already is a 409 `already_member`. A browser must echo the `XSRF-TOKEN` cookie of the page, as `POST /login` asks; a form post (`Accept: text/html`) is redirected into the app.',
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
          401: MFA_REQUIRED_RESPONSE,
          403: PageOrError('csrf_mismatch'),
          409: PageOrError('already_member'),
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
        {
          page,
          invalid: `Enter your name and a password of up to ${MAX_PASSWORD_LENGTH} characters.`,
          // A bad link, an address taken since, a wrong or weak password, too many tries.
          shown: [400, 409, 422, 429],
        },
        async (wantsPage) => {
          const user = await accept(request, request.body as InvitationAccept);
          await ctx.audit.record(
            auditMeta(request),
            userEvent('invitation.accepted', user, { role: user.role }),
          );
          request.log.info({ userId: user.id }, 'invitation accepted');
          // Someone who joined with an account of theirs may have a second factor: it still asks.
          const next = APP_HOME;
          if (await ctx.signInGate.interrupt(request, reply, user, { html: wantsPage, next })) {
            return reply;
          }
          return finishSignIn(ctx, request, reply, user, {
            html: wantsPage,
            next,
            method: 'password',
            created: true,
          });
        },
      ),
  );
}
