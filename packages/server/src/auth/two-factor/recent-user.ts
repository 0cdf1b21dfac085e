import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuthContext } from '../context.js';
import { signedIn } from '../signed-in.js';

/** What the OpenAPI descriptions of routes behind {@link recentlySignedInUser} say. */
export const RECENT_SIGN_IN_NOTE =
  ' Needs a sign-in from the last few minutes (`PROOFSHEET_RECENT_SIGN_IN`, default 15m): else 403 `recent_sign_in_required`.';

/**
 * The signed-in user, if their sign-in is recent; else 403 `recent_sign_in_required`. Every
 * change to how someone signs in asks for it: a session stolen hours ago must not be able to
 * add an attacker's factor, nor remove the user's.
 */
export async function recentlySignedInUser(
  ctx: Pick<AuthContext, 'clock' | 'config' | 'storage'>,
  request: FastifyRequest,
) {
  const auth = signedIn(request);
  const age = ctx.clock.now().getTime() - auth.login.createdAt.getTime();
  if (age > ctx.config.recentSignInMs) throw new AppError('recent_sign_in_required');
  const user = await ctx.storage.users.findMember(auth.login.accountId, auth.login.userId);
  if (!user) throw new AppError('session_expired');
  return user;
}
