import type { ResourceContext } from '../app-context.js';
import type { ActiveSession } from '../auth/session-service.js';
import { AppError } from '../http/app-error.js';
import type { GalleryClientScope } from '../storage/ports/gallery-client-scope.js';
import { calendarDate } from './calendar-date.js';

/** Who is looking, for what they may see. */
export interface Viewer {
  userId: string;
  accountId: string;
  /** Set for a gallery client: reads are limited to what they may see. Unset for the studio. */
  visibleTo?: GalleryClientScope;
}

/**
 * Who a viewer is, for what they own (favorites lists, comments, download records): the user
 * id of a signed-in viewer.
 */
export function viewerKey(viewer: Viewer): string {
  return viewer.userId;
}

/**
 * The viewer a session stands for. Owner and assistant see everything, expired collections
 * included (they are the ones who extend them). A gallery client sees only what is shared with
 * them, until its expiry date has passed where the studio is: a collection expiring on
 * 2026-01-15 in a Los Angeles studio is gone from 2026-01-16 00:00 there (08:00 UTC). This is
 * Pixieset's rule, "expires at 11:59pm your local time on the date you've set", taken to the
 * end of that last minute, and the time zone is the workspace's (`/api/v1/data/bootstrap`).
 */
export async function viewerOf(
  ctx: Pick<ResourceContext<'accounts'>, 'storage' | 'clock'>,
  auth: ActiveSession,
): Promise<Viewer> {
  const { userId, accountId, role } = auth.login;
  if (role !== 'gallery_client') return { userId, accountId };
  const account = await ctx.storage.accounts.findById(accountId);
  // A session outlived its account: it proves nothing any more.
  if (!account) throw new AppError('session_expired');
  const today = calendarDate(ctx.clock.now(), account.timezone);
  return { userId, accountId, visibleTo: { userId, today } };
}
