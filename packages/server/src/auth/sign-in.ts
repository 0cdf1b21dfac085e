import { HEADERS } from '@proofsheet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditMeta } from '../audit/audit-log.js';
import { type SignInMethod, signedInEvent } from '../audit/auth-events.js';
import { AppError } from '../http/app-error.js';
import { noStore } from '../http/responses.js';
import type { UserRecord } from '../storage/ports/user-store.js';
import type { AuthContext } from './context.js';
import { toProfile } from './profile.js';

/**
 * The end of every sign-in, by password alone, after a second step, or by passkey alone: a new login with fresh
 * secrets, the three cookies, and the CSRF token. A browser is sent on to `next` (already made
 * safe by the caller); other clients get the JSON the seed shows.
 */
export async function finishSignIn(
  ctx: AuthContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRecord,
  options: {
    html: boolean;
    next: string;
    method: SignInMethod;
    /** Answer 201 to JSON clients: the sign-in also made the user (an invitation accepted). */
    created?: boolean;
    /** When the user last proved who they are, if not now (see `SessionService.signIn`). */
    signedInAt?: Date;
  },
) {
  const issued = await ctx.sessions.signIn(user, {
    userAgent: request.headers['user-agent'] ?? null,
    ip: request.ip,
    ...(options.signedInAt ? { signedInAt: options.signedInAt } : {}),
  });
  // The member may have been removed, or their role changed, while the password was checked
  // (a hash takes a tenth of a second). Such a change ends the member's sessions after its own
  // write, and this reads the membership after the session's: one of the two sees the other,
  // so no session outlives the change it raced.
  const member = await ctx.storage.users.findMember(user.accountId, user.id);
  if (!member || member.role !== user.role) {
    await ctx.sessions.signOut(issued.login.id);
    throw new AppError('invalid_credentials');
  }
  await ctx.audit.record(auditMeta(request), signedInEvent(user, issued.login.id, options.method));
  const csrf = ctx.cookies.issue(reply, issued.sessionId, issued.authToken);
  noStore(reply);
  reply.header(HEADERS.csrfToken, csrf);
  request.log.info(
    { userId: user.id, loginId: issued.login.id, method: options.method },
    'signed in',
  );
  if (options.html) return reply.redirect(options.next, 303);
  if (options.created) reply.code(201);
  return { data: { user: toProfile(user), csrf_token: csrf } };
}
