import {
  CsrfTokenResponse,
  CurrentSession,
  HEADERS,
  isId,
  LoginResponse,
  PATHS,
  PasswordChange,
  PasswordChanged,
  RevokedSessions,
  type SessionInfo,
  SessionList,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { auditMeta } from '../audit/audit-log.js';
import { loginEvent, userEvent } from '../audit/auth-events.js';
import { inApiScope } from '../http/api-path.js';
import { AppError } from '../http/app-error.js';
import { requirement } from '../http/openapi/security.js';
import { IdParams } from '../http/path-params.js';
import { NoContent, noStore, responses } from '../http/responses.js';
import type { LoginRecord } from '../storage/ports/session-store.js';
import type { AuthContext } from './context.js';
import { requireCurrentPassword } from './current-password.js';
import { requireStrongPassword } from './password-rules.js';
import { toProfile } from './profile.js';
import type { ActiveSession } from './session-service.js';
import { signedIn } from './signed-in.js';
import { csrfTokenFor } from './tokens.js';

/**
 * Session endpoints, the same on both APIs: the CSRF token, the current session, refresh with
 * the auth token, the user's sign-ins under `/api/v1/auth/sessions` (`/api/v1/sessions` is left
 * for booked photo sessions, as in the reference docs), and password change.
 */
export async function sessionRoutes(app: FastifyInstance, ctx: AuthContext): Promise<void> {
  function describe(login: LoginRecord, currentId: string): SessionInfo {
    const { expiresAt, idleExpiresAt } = ctx.sessions.expiry(login);
    return {
      id: login.id,
      current: login.id === currentId,
      created_at: login.createdAt.toISOString(),
      last_seen_at: login.lastSeenAt.toISOString(),
      expires_at: expiresAt.toISOString(),
      idle_expires_at: idleExpiresAt.toISOString(),
      refresh_expires_at: login.authTokenExpiresAt.toISOString(),
      user_agent: login.userAgent,
      ip: login.ip,
    };
  }

  async function currentUser(auth: ActiveSession) {
    const user = await ctx.storage.users.findMember(auth.login.accountId, auth.login.userId);
    if (!user) throw new AppError('session_expired');
    return user;
  }

  const tags = ['Auth'];
  const csrfSchema = {
    operationId: 'getCsrfToken',
    summary: "Read the session's CSRF token again",
    description:
      "Also sets the `XSRF-TOKEN` cookie and the `X-CSRF-Token` header. A share-link visitor (on the Gallery API) gets their visitor session's token.",
    tags,
    response: responses({ 200: CsrfTokenResponse }),
  };
  // Share-link visitors exist on the Gallery API alone.
  const csrfConfig = ctx.api === 'gallery' ? ({ visitors: 'locked' } as const) : {};
  app.get(
    inApiScope(PATHS.csrfToken),
    { schema: csrfSchema, config: csrfConfig },
    async (request, reply) => {
      const token = request.visitor
        ? request.visitor.csrfToken
        : csrfTokenFor(signedIn(request).sessionId);
      ctx.cookies.setCsrf(reply, token);
      reply.header(HEADERS.csrfToken, token);
      noStore(reply);
      return { data: { csrf_token: token } };
    },
  );

  const sessionSchema = {
    operationId: 'getSession',
    summary: 'The current session, its user and when it expires',
    tags,
    response: responses({ 200: CurrentSession }),
  };
  app.get(inApiScope(PATHS.session), { schema: sessionSchema }, async (request, reply) => {
    const auth = signedIn(request);
    const user = await currentUser(auth);
    noStore(reply);
    return {
      data: {
        user: toProfile(user),
        role: user.role,
        session: describe(auth.login, auth.login.id),
        expires_at: auth.expiresAt.toISOString(),
        idle_expires_at: auth.idleExpiresAt.toISOString(),
        csrf_token: csrfTokenFor(auth.sessionId),
      },
    };
  });

  app.post(
    inApiScope(PATHS.sessionRefresh),
    // No session and so no CSRF token to compare; the cross-site check still runs, and the
    // auth-token cookie is SameSite=Lax, so a cross-site form cannot send it.
    {
      schema: {
        operationId: 'refreshSession',
        summary: 'Renew an expired session with the auth-token cookie',
        description:
          'Rotates the auth token and sets new cookies, answering as `POST /login` does. A token presented again after its rotation revokes the sign-in.',
        tags,
        security: [requirement('authToken')],
        response: responses({ 200: LoginResponse }),
      },
      config: { auth: 'none', csrf: 'origin' },
    },
    async (request, reply) => {
      noStore(reply);
      const outcome = await ctx.sessions.refresh(ctx.cookies.read(request, 'authToken'));
      if (outcome.kind === 'rejected') {
        if (outcome.reason === 'reused') {
          request.log.warn('auth token presented again after rotation: login revoked');
        }
        ctx.cookies.clear(reply);
        throw new AppError('session_expired');
      }
      const { session } = outcome;
      const user = await ctx.storage.users.findMember(
        session.login.accountId,
        session.login.userId,
      );
      if (!user) throw new AppError('session_expired');
      const csrf = ctx.cookies.issue(reply, session.sessionId, session.authToken);
      reply.header(HEADERS.csrfToken, csrf);
      return { data: { user: toProfile(user), csrf_token: csrf } };
    },
  );

  const listSchema = {
    operationId: 'listSignIns',
    summary: "The user's sign-ins on every device, the current one marked",
    tags,
    response: responses({ 200: SessionList }),
  };
  app.get(inApiScope(PATHS.authSessions), { schema: listSchema }, async (request, reply) => {
    const auth = signedIn(request);
    const logins = await ctx.sessions.listForUser(auth.login.userId);
    noStore(reply);
    return { data: logins.map((l) => describe(l, auth.login.id)) };
  });

  const revokeSchema = {
    operationId: 'revokeSignIn',
    summary: "End one of the user's sign-ins",
    description: "Another user's sign-in is answered 404, like one that does not exist.",
    tags,
    params: IdParams,
    response: responses({ 204: NoContent }, { found: true }),
  };
  app.delete(
    `${inApiScope(PATHS.authSessions)}/:id`,
    { schema: revokeSchema },
    async (request, reply) => {
      const auth = signedIn(request);
      const { id } = request.params as { id: string };
      if (!isId('login', id)) {
        throw new AppError(
          'bad_request',
          'Session ID must be lg_ followed by 30 letters and digits',
        );
      }
      // Another user's session is reported as missing, not forbidden: IDs are not confirmed.
      if (!(await ctx.sessions.revoke(auth.login.userId, id))) {
        throw new AppError('not_found', `No session found with ID: ${id}`);
      }
      await ctx.audit.record(
        auditMeta(request),
        loginEvent('session.revoked', auth.login, { login_id: id }),
      );
      if (id === auth.login.id) ctx.cookies.clear(reply);
      return reply.code(204).send();
    },
  );

  const othersSchema = {
    operationId: 'revokeOtherSignIns',
    summary: 'End every sign-in of the user but this one',
    tags,
    response: responses({ 200: RevokedSessions }),
  };
  app.post(
    inApiScope(PATHS.authSessionsRevokeOthers),
    { schema: othersSchema },
    async (request) => {
      const auth = signedIn(request);
      const revoked = await ctx.sessions.revokeOthers(auth.login.userId, auth.login.id);
      await ctx.audit.record(
        auditMeta(request),
        loginEvent('sessions.revoked_all', auth.login, { revoked_sessions: revoked }),
      );
      return { data: { revoked } };
    },
  );

  const passwordSchema = {
    operationId: 'changePassword',
    summary: 'Change the password, ending every other sign-in',
    description:
      'A wrong `current_password` is a 422 on that field, throttled like sign-ins. The new password must be 10 to 1024 characters and not common, guessable or made of the person’s or studio’s details (NIST SP 800-63B, checked offline): else 422 `validation_failed` on `new_password`, with advice.',
    tags,
    body: PasswordChange,
    response: responses({ 200: PasswordChanged }, { body: true }),
  };
  app.put(inApiScope(PATHS.password), { schema: passwordSchema }, async (request) => {
    const auth = signedIn(request);
    const body = request.body as PasswordChange;
    const user = await currentUser(auth);
    await requireCurrentPassword(ctx, user, body.current_password, request.ip, 'current_password');
    const account = await ctx.storage.accounts.findById(user.accountId);
    requireStrongPassword(
      body.new_password,
      { ...user, studioName: account?.name ?? null },
      'new_password',
    );
    await ctx.storage.users.updatePasswordHash(
      user.id,
      await ctx.passwords.hash(body.new_password),
    );
    // A new password locks out whoever knew the old one: end every other session.
    const revoked = await ctx.sessions.revokeOthers(user.id, auth.login.id);
    await ctx.storage.twoFactor.deleteChallengesOf(user.id);
    await ctx.audit.record(
      auditMeta(request),
      userEvent('password.changed', user, { revoked_sessions: revoked }),
    );
    request.log.info({ userId: user.id, revoked }, 'password changed');
    return { data: { revoked_sessions: revoked } };
  });
}
