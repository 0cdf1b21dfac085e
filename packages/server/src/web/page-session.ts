import type { Role } from '@proofsheet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/context.js';
import { csrfTokenFor } from '../auth/tokens.js';
import type { LoginRecord } from '../storage/ports/session-store.js';

/** Who is looking at a page, and the CSRF token the page's scripts send. */
export interface PageViewer {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** The studio the session is signed in to (a user may belong to several). */
  studioName: string;
  csrfToken: string;
}

/**
 * The viewer of a page, or null when the browser must sign in. A page opened after the session
 * went idle, while the auth token still lives, renews the session here (the same rotation as
 * `POST /api/v1/session/refresh`), so that coming back to a tab does not cost a sign-in.
 */
export async function pageViewer(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AuthContext,
): Promise<PageViewer | null> {
  let login: LoginRecord;
  let csrfToken: string;
  if (request.auth) {
    login = request.auth.login;
    csrfToken = csrfTokenFor(request.auth.sessionId);
  } else {
    const authToken = ctx.cookies.read(request, 'authToken');
    if (authToken === undefined) return null;
    const outcome = await ctx.sessions.refresh(authToken);
    if (outcome.kind === 'rejected') {
      ctx.cookies.clear(reply);
      return null;
    }
    login = outcome.session.login;
    csrfToken = ctx.cookies.issue(reply, outcome.session.sessionId, outcome.session.authToken);
  }
  const user = await ctx.storage.users.findMember(login.accountId, login.userId);
  if (!user) return null;
  const account = await ctx.storage.accounts.findById(login.accountId);
  return {
    userId: login.userId,
    studioName: account?.name ?? '',
    name: `${user.firstName} ${user.lastName}`.trim(),
    email: user.email,
    role: user.role,
    csrfToken,
  };
}

/** The sign-in URL that comes back to this page afterwards. */
export function loginUrlFor(request: FastifyRequest): string {
  return `/login?next=${encodeURIComponent(request.url)}`;
}
