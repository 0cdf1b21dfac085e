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
import { PAGE_REFERRER_POLICY } from '../../http/html.js';
import { noStore, PageOrError, Redirect, responses } from '../../http/responses.js';
import { validationDetails } from '../../http/validation-details.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import type { AuthContext } from '../context.js';
import { preSessionCsrfToken, presentsPreSessionCsrf } from '../csrf.js';
import { APP_HOME, MFA_REQUIRED_RESPONSE, wantsHtml } from '../login-routes.js';
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
    const query = request.query as { token?: unknown };
    const raw = typeof body?.token === 'string' ? body.token : query.token;
    const token = typeof raw === 'string' ? raw.slice(0, 200) : '';
    let invitation: AcceptPageInvitation | null = null;
    let problem = error;
    try {
      const found = await ctx.invitations.pending(token);
      const account = await ctx.storage.accounts.findById(found.accountId);
      // Only the link's holder sees this: the address's owner, told they have an account.
      const existingUser = (await ctx.storage.users.findByEmail(found.email)) !== null;
      const typed = (key: string, fallback: string) =>
        typeof body?.[key] === 'string' ? (body[key] as string) : fallback;
      invitation = {
        email: found.email,
        studioName: account?.name ?? 'The studio',
        existingUser,
        firstName: typed('first_name', found.firstName),
        lastName: typed('last_name', found.lastName),
      };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'invitation_token_invalid')) throw e;
      problem = e.message;
      status = status === 200 ? 400 : status;
    }
    // The address carries the token: `same-origin` tells it to no other site (the page loads
    // nothing from one), and lets Chrome post the form with its Origin (see the reset page).
    reply.header('referrer-policy', PAGE_REFERRER_POLICY);
    noStore(reply);
    const html = renderAcceptPage({
      csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
      token,
      invitation,
      error: problem,
    });
    return reply.code(status).type('text/html; charset=utf-8').send(html);
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
          403: PageOrError('csrf_mismatch'),
          401: MFA_REQUIRED_RESPONSE,
          409: PageOrError('already_member'),
          422: PageOrError('validation_failed'),
          429: PageOrError('rate_limited'),
        },
      },
      attachValidation: true,
      config: { auth: 'none', csrf: 'origin' },
    },
    async (request, reply) => {
      const wantsPage = wantsHtml(request);
      if (request.validationError) {
        const message = `Enter your name and a password of up to ${MAX_PASSWORD_LENGTH} characters.`;
        if (wantsPage) return page(request, reply, 422, message);
        const details = validationDetails(request.validationError.validation);
        throw new AppError('validation_failed', message, details);
      }
      if (!presentsPreSessionCsrf(request, ctx.cookies)) {
        if (wantsPage) return page(request, reply, 403, 'The form expired. Please try again.');
        throw new AppError('csrf_mismatch');
      }
      const body = request.body as InvitationAccept;
      let user: UserRecord;
      try {
        user = await accept(request, body);
      } catch (error) {
        // A browser gets the page again, saying why: a bad link, a wrong or weak password.
        if (!(wantsPage && error instanceof AppError)) throw error;
        const status = error.statusCode;
        if (status === 429) {
          for (const [name, value] of Object.entries(error.headers ?? {})) {
            reply.header(name, value);
          }
        }
        if (status === 400 || status === 409 || status === 422 || status === 429) {
          return page(request, reply, status, error.message);
        }
        throw error;
      }
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
  );
}
