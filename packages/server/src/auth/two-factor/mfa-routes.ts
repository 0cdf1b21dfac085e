import {
  ERRORS,
  LoginResponse,
  MfaLoginBody,
  type MfaMethod,
  type MfaRequiredBody,
  PATHS,
  REASON_PHRASES,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { AppError, isAppError } from '../../http/app-error.js';
import { PAGE_REFERRER_POLICY } from '../../http/html.js';
import { noStore, PageOrError, Redirect, responses } from '../../http/responses.js';
import { validationDetails } from '../../http/validation-details.js';
import type { AuthContext, SignInGate } from '../context.js';
import { preSessionCsrfToken, presentsPreSessionCsrf } from '../csrf.js';
import { safeNext, wantsHtml } from '../login-routes.js';
import { selfOrigin } from '../origin-check.js';
import { finishSignIn } from '../sign-in.js';
import { renderMfaPage } from './mfa-page.js';
import type { SecondFactorProof, TwoFactor } from './two-factor.js';

/** The auth context with second factors. */
export type TwoFactorRouteContext = AuthContext & { twoFactor: TwoFactor };

function page(
  ctx: Pick<AuthContext, 'api' | 'cookies' | 'random'>,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    status: number;
    mfaToken: string;
    next: string;
    error?: string;
    methods: readonly MfaMethod[];
  },
) {
  noStore(reply);
  reply.header('referrer-policy', PAGE_REFERRER_POLICY);
  return reply
    .code(options.status)
    .type('text/html; charset=utf-8')
    .send(
      renderMfaPage({
        api: ctx.api,
        csrfToken: preSessionCsrfToken(request, reply, ctx.cookies, ctx.random),
        mfaToken: options.mfaToken,
        next: options.next,
        error: options.error,
        methods: options.methods,
      }),
    );
}

/**
 * The gate `POST /login` passes a right password through: with a second factor, a pending
 * sign-in instead of cookies (401 `mfa_required` with its token, or the code page).
 */
export function twoFactorGate(
  ctx: Pick<TwoFactorRouteContext, 'api' | 'cookies' | 'random' | 'twoFactor'>,
): SignInGate {
  return {
    async interrupt(request, reply, user, { html, next }) {
      if (!(await ctx.twoFactor.required(user.id))) return false;
      const challenge = await ctx.twoFactor.challenge(user);
      request.log.info({ userId: user.id }, 'password right; second factor asked');
      if (html) {
        await page(ctx, request, reply, {
          status: 401,
          mfaToken: challenge.token,
          next,
          methods: challenge.methods,
        });
        return true;
      }
      noStore(reply);
      const body: MfaRequiredBody = {
        error: REASON_PHRASES[401],
        message: ERRORS.mfa_required.message,
        code: 'mfa_required',
        mfa_token: challenge.token,
        mfa_expires_at: challenge.expiresAt.toISOString(),
        mfa_methods: challenge.methods,
      };
      await reply.code(401).send(body);
      return true;
    },
  };
}

/** `POST /login/mfa`: the second step of a sign-in, ending as `POST /login` does. */
export async function mfaRoutes(app: FastifyInstance, ctx: TwoFactorRouteContext): Promise<void> {
  app.post(
    PATHS.loginMfa,
    {
      schema: {
        operationId: 'loginMfa',
        summary: 'Complete a sign-in with a second factor',
        description:
          'After `POST /login` answered 401 `mfa_required`: its `mfa_token` and either `code` (six digits from the authenticator app) or `recovery_code`. Sets the three cookies and answers as `POST /login` does. Each code works once; wrong codes are throttled per user and IP, and after five the `mfa_token` ends (401 `mfa_token_invalid`: sign in again). A browser must echo the login page’s `XSRF-TOKEN`, as for `POST /login`.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: MfaLoginBody,
        response: {
          ...responses(
            { 200: LoginResponse, 303: Redirect('Browsers: to the app, or to a same-site `next`') },
            { body: true, also: [401] },
          ),
          401: PageOrError('mfa_code_invalid'),
          403: PageOrError('csrf_mismatch'),
          422: PageOrError('validation_failed'),
          429: PageOrError('rate_limited'),
        },
      },
      attachValidation: true,
      config: { auth: 'none', csrf: 'origin' },
    },
    async (request, reply) => {
      const html = wantsHtml(request);
      const body = (request.body ?? {}) as Partial<MfaLoginBody>;
      const next = safeNext(body.next, selfOrigin(request, ctx));
      const mfaToken = typeof body.mfa_token === 'string' ? body.mfa_token : '';
      const again = async (status: number, error: string) => {
        if (!mfaToken) return reply.redirect('/login', 303);
        // A code was posted, so there is an app; a passkey, if any, is offered beside it.
        const methods = await ctx.twoFactor
          .pendingUser(mfaToken)
          .then(({ user }) => ctx.twoFactor.methods(user.id))
          .catch((): MfaMethod[] => ['totp', 'recovery_code']);
        return page(ctx, request, reply, { status, mfaToken, next, error, methods });
      };

      const hasCode = typeof body.code === 'string' && body.code.trim() !== '';
      const hasRecovery =
        typeof body.recovery_code === 'string' && body.recovery_code.trim() !== '';
      if (request.validationError || hasCode === hasRecovery) {
        if (html) return again(422, 'Enter the code from your authenticator app.');
        const details = request.validationError
          ? validationDetails(request.validationError.validation)
          : { code: ['give either code or recovery_code'] };
        throw new AppError('validation_failed', 'A code or a recovery code is required', details);
      }
      if (!presentsPreSessionCsrf(request, ctx.cookies)) {
        if (html) return again(403, 'The form expired. Please try again.');
        throw new AppError('csrf_mismatch');
      }
      const proof: SecondFactorProof = hasCode
        ? { code: body.code as string }
        : { recoveryCode: body.recovery_code as string };
      try {
        const { user, method } = await ctx.twoFactor.complete(
          mfaToken,
          proof,
          auditMeta(request),
          ctx.api,
        );
        return await finishSignIn(ctx, request, reply, user, { html, next, method });
      } catch (error) {
        if (!html || !isAppError(error)) throw error;
        if (error.code === 'mfa_token_invalid') return reply.redirect('/login?reason=mfa', 303);
        for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
        return again(error.statusCode, error.message);
      }
    },
  );
}
