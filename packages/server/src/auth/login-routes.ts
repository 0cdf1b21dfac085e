import {
  ErrorBody,
  errorBody,
  LoginBody,
  LoginResponse,
  LogoutBody,
  MfaRequiredBody,
  SignedOut,
} from '@proofsheet/protocol';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../audit/audit-log.js';
import { loginEvent, SIGN_IN_FAILED, SIGN_IN_THROTTLED } from '../audit/auth-events.js';
import { AppError } from '../http/app-error.js';
import { PAGE_REFERRER_POLICY } from '../http/html.js';
import { optionalBody } from '../http/openapi/document.js';
import { requirement } from '../http/openapi/security.js';
import { noStore, PageOrError, Redirect, responses } from '../http/responses.js';
import { validationDetails } from '../http/validation-details.js';
import type { AuthContext } from './context.js';
import { preSessionCsrfToken, presentsPreSessionCsrf, requireSessionCsrf } from './csrf.js';
import { renderLoginPage } from './login-page.js';
import { throttledError } from './login-throttle.js';
import { selfOrigin } from './origin-check.js';
import { finishSignIn } from './sign-in.js';

/** A schema as a member of a union, where OpenAPI allows no `examples`. */
function withoutExamples<T extends TSchema>(schema: T): T {
  const { examples: _examples, ...rest } = schema;
  return rest as T;
}

/** Where a browser lands after signing in, unless `next` names a page of this site. */
/**
 * The 401 of a step that checks a password: `invalid_credentials`, or `mfa_required` when the
 * account has a second factor (the sign-in and accepting an invitation with an account).
 */
export const MFA_REQUIRED_RESPONSE = {
  description:
    'Unauthorized: `invalid_credentials`; or, when the password is right and the account has a second factor, `mfa_required` with the `mfa_token` for `POST /login/mfa`. A browser gets the sign-in page again, or the page asking for the code.',
  content: {
    'application/json': {
      schema: Type.Union([ErrorBody, withoutExamples(MfaRequiredBody)]),
      example: errorBody('invalid_credentials'),
    },
    'text/html': {
      schema: Type.String(),
      example: '<!doctype html><html lang="en">…</html>',
    },
  },
};

export const APP_HOME = '/app/';

/** Whether the client wants HTML (a browser form post) rather than JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json');
}

/**
 * Only pages of this site: an open redirect would let a phishing link bounce through us. `next`
 * is read as browsers read it (the WHATWG URL parser drops tabs and newlines and takes `\` for
 * `/`) against our `origin`, and only the path, query and fragment it parses to are kept.
 */
export function safeNext(next: unknown, origin: string): string {
  if (typeof next !== 'string' || next.trim() === '') return APP_HOME;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(next, base);
  } catch {
    return APP_HOME;
  }
  if (url.origin !== base.origin) return APP_HOME;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // A path can still begin `//` (from `/.//evil`), which a browser reads as another host.
  return target.startsWith('//') ? APP_HOME : target;
}

/** Good news the sign-in page shows after a redirect, by its `reason`. */
const NOTICES: Partial<Record<string, string>> = {
  reset: 'Your password was changed. Sign in with the new one.',
  email_changed: 'Your email address was changed. Sign in with the new one.',
};

/** `GET /login`, `POST /login`, `POST /logout`. */
export async function loginRoutes(app: FastifyInstance, ctx: AuthContext): Promise<void> {
  function preSessionToken(request: FastifyRequest, reply: FastifyReply): string {
    return preSessionCsrfToken(request, reply, ctx.cookies, ctx.random);
  }

  function page(request: FastifyRequest, reply: FastifyReply, status: number, error?: string) {
    const query = request.query as { next?: string; reason?: string };
    const body = request.body as { email?: unknown; next?: unknown } | undefined;
    noStore(reply);
    reply.header('referrer-policy', PAGE_REFERRER_POLICY);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        renderLoginPage({
          api: ctx.api,
          csrfToken: preSessionToken(request, reply),
          next: safeNext(body?.next ?? query.next, selfOrigin(request, ctx)),
          email: typeof body?.email === 'string' ? body.email : '',
          error:
            error ??
            (query.reason === 'expired'
              ? 'Your session expired. Please sign in again.'
              : query.reason === 'mfa'
                ? 'That sign-in expired or had too many wrong codes. Please sign in again.'
                : undefined),
          notice: error ? undefined : NOTICES[query.reason ?? ''],
          // A studio is made on the Studio API: the Gallery's sign-in page does not offer it.
          signUp: ctx.api === 'studio' ? ctx.config.signUp : 'closed',
        }),
      );
  }

  // An HTML page, not part of the API's document.
  app.get('/login', { schema: { hide: true }, config: { auth: 'none' } }, (request, reply) =>
    page(request, reply, 200),
  );

  app.post(
    '/login',
    {
      schema: {
        operationId: 'login',
        summary: 'Sign in with email and password',
        description:
          'Sets the session, auth-token and `XSRF-TOKEN` cookies and answers the CSRF token. A browser (one that sends `Origin` or `Sec-Fetch-Site`) must also echo the `XSRF-TOKEN` cookie it got from `GET /login`, as `X-CSRF-Token` or the form field `_csrf` (login CSRF). A form post with `Accept: text/html` is answered with a redirect, or the form again with the problem.',
        tags: ['Auth'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: LoginBody,
        response: {
          ...responses(
            {
              200: LoginResponse,
              303: Redirect('Browsers (Accept: text/html): to the app, or to a same-site `next`'),
            },
            { body: true, also: [401] },
          ),
          // What a browser's form post gets as the sign-in page again (see `page` above), and
          // the second step's answer (a page, for a browser).
          401: MFA_REQUIRED_RESPONSE,
          403: PageOrError('csrf_mismatch'),
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
      if (request.validationError) {
        if (html) return page(request, reply, 422, 'Enter your email address and password.');
        const details = validationDetails(request.validationError.validation);
        throw new AppError('validation_failed', 'Email and password are required', details);
      }
      const body = request.body as LoginBody;
      // Login CSRF: a browser must echo the token of the login page (double submit). Other
      // clients carry no ambient cookies, so there is nothing to forge and no token to ask for.
      if (!presentsPreSessionCsrf(request, ctx.cookies)) {
        if (html) return page(request, reply, 403, 'The sign-in form expired. Please try again.');
        throw new AppError('csrf_mismatch');
      }

      const outcome = await ctx.throttle.guess(
        body.email,
        request.ip,
        ctx.clock.now(),
        async () => {
          const user = await ctx.storage.users.findByEmail(body.email);
          const ok = await ctx.passwords.verify(user?.passwordHash ?? null, body.password);
          return user && ok ? user : null;
        },
      );
      if (outcome.status === 'throttled') {
        ctx.audit.recordForEmail(auditMeta(request), body.email, SIGN_IN_THROTTLED);
        const error = throttledError(outcome.waitMs, 'Too many failed sign-in attempts');
        if (!html) throw error;
        for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
        return page(request, reply, 429, error.message);
      }
      if (outcome.status === 'wrong') {
        ctx.audit.recordForEmail(auditMeta(request), body.email, SIGN_IN_FAILED);
        if (html) return page(request, reply, 401, 'Invalid email or password.');
        throw new AppError('invalid_credentials');
      }
      const user = outcome.value;
      const next = safeNext(body.next, selfOrigin(request, ctx));
      // A second factor: no cookie yet; the gate answered with what the second step needs.
      if (await ctx.signInGate.interrupt(request, reply, user, { html, next })) return reply;
      return finishSignIn(ctx, request, reply, user, { html, next, method: 'password' });
    },
  );

  const logoutSchema = {
    operationId: 'logout',
    summary: 'End the session and revoke its auth token',
    description:
      'With a session it needs the CSRF token (the header, or the form field `_csrf`). Without one, the auth-token cookie is still revoked; with neither it still answers 200, and clears the cookies.',
    tags: ['Auth'],
    consumes: ['application/json', 'application/x-www-form-urlencoded'],
    security: [requirement('session', 'csrf'), requirement('authToken'), {}],
    ...optionalBody(LogoutBody),
    response: responses({ 200: SignedOut, 303: Redirect('Browsers: back to the sign-in page') }),
  };
  const logoutConfig = { auth: 'optional', csrf: 'origin' } as const;
  app.post('/logout', { schema: logoutSchema, config: logoutConfig }, async (request, reply) => {
    if (request.auth) {
      // The page's form post carries the token in its body, which the auth hook cannot read yet.
      requireSessionCsrf(request, request.auth);
      await ctx.sessions.signOut(request.auth.login.id);
      await ctx.audit.record(auditMeta(request), loginEvent('sign_out', request.auth.login));
    } else {
      // The session already expired: still revoke the auth token that could renew it.
      const ended = await ctx.sessions.signOutByAuthToken(ctx.cookies.read(request, 'authToken'));
      if (ended) {
        await ctx.audit.record(
          auditMeta(request),
          loginEvent('sign_out', ended, { login_id: ended.id, reason: 'expired_session' }),
        );
      }
    }
    ctx.cookies.clear(reply);
    noStore(reply);
    if (wantsHtml(request)) return reply.redirect('/login', 303);
    return { data: { signed_out: true } };
  });
}
