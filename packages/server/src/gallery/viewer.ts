import type { FastifyRequest } from 'fastify';
import type { ResourceContext } from '../app-context.js';
import type { ActiveSession } from '../auth/session-service.js';
import type { VisitorAccess } from '../auth/visitors.js';
import { AppError } from '../http/app-error.js';
import type { GalleryClientScope } from '../storage/ports/gallery-client-scope.js';
import { calendarDate } from './calendar-date.js';

/**
 * Who is looking, for what they may see: the studio (no `visibleTo`), a gallery client
 * (`visibleTo` for their user), or a share-link visitor (`visibleTo` for the link's collection,
 * and `visitor`). Visitors are never the studio, since `visibleTo` is always set for them.
 */
export interface Viewer {
  /** The signed-in user's id; for a visitor, the visitor's id (`vi_…`): there is no user. */
  userId: string;
  accountId: string;
  /** Set for a gallery client or a visitor: reads are limited to what they may see. */
  visibleTo?: GalleryClientScope;
  /** Set for a share-link visitor: what their link allows. */
  visitor?: VisitorGrant;
}

/** What a share-link visitor's link allows them. */
export interface VisitorGrant {
  visitorId: string;
  email: string;
  linkId: string;
  collectionId: number;
  /** The galleries the link opens; null: every gallery a client may see. */
  galleryIds: readonly number[] | null;
  /** A single-photo link's photo: then no gallery opens as a whole, only this photo. */
  photoId: number | null;
  /** What they may download (`none`, `web`, `high`, `original`), before the collection's own settings. */
  downloads: VisitorAccess['downloads'];
}

/**
 * Who a viewer is, for what they own (favorites lists, comments, download records): the user
 * id of a signed-in viewer, the visitor id (`vi_…`) of a share-link visitor.
 */
export function viewerKey(viewer: Viewer): string {
  return viewer.visitor?.visitorId ?? viewer.userId;
}

/** "Today" where the account's studio is, which collection expiry dates are read in. */
async function studioToday(
  ctx: Pick<ResourceContext<'accounts'>, 'storage' | 'clock'>,
  accountId: string,
): Promise<string> {
  const account = await ctx.storage.accounts.findById(accountId);
  // A session outlived its account: it proves nothing any more.
  if (!account) throw new AppError('session_expired');
  return calendarDate(ctx.clock.now(), account.timezone);
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
  const today = await studioToday(ctx, accountId);
  return { userId, accountId, visibleTo: { userId, today } };
}

/**
 * The viewer a share-link visitor stands for: the link's collection alone (by the same expiry
 * rule as a gallery client's), no private gallery, only the link's galleries if it names some,
 * and for a single-photo link no gallery at all (the photo is reached by `readablePhoto`).
 */
export async function visitorViewer(
  ctx: Pick<ResourceContext<'accounts'>, 'storage' | 'clock'>,
  access: VisitorAccess,
): Promise<Viewer> {
  const today = await studioToday(ctx, access.accountId);
  const galleryIds = access.photoId !== null ? [] : access.galleryIds;
  const visibleTo: GalleryClientScope = {
    userId: access.visitorId,
    today,
    collectionId: access.collectionId,
    ...(galleryIds !== null ? { galleryIds } : {}),
  };
  return {
    userId: access.visitorId,
    accountId: access.accountId,
    visibleTo,
    visitor: {
      visitorId: access.visitorId,
      email: access.email,
      linkId: access.linkId,
      collectionId: access.collectionId,
      galleryIds: access.galleryIds,
      photoId: access.photoId,
      downloads: access.downloads,
    },
  };
}

/**
 * The viewer of a request: its session's, else its share-link visitor's. A visitor is found
 * only on routes that let visitors in (route `config: { visitors: true }`, read by the auth
 * guard in auth/plugin.ts, which resolves the visitor cookie afresh on every request and
 * answers 401 to a visitor anywhere else); without either, 401.
 *
 * How a route lets visitors in (for the photo, image, favorites and download routes written
 * with `viewerOf(ctx, signedIn(request))`):
 * 1. add `visitors: true` to the route's `config` (next to `roles`, if any: a route with `roles`
 *    refuses visitors with 403 anyway, so staff routes stay as they are);
 * 2. replace `await viewerOf(ctx, signedIn(request))` with `await requestViewer(ctx, request)`;
 * 3. key what a viewer owns by `viewerKey(viewer)`, never `viewer.userId` with a users lookup
 *    (a visitor's id is no user's);
 * 4. reach photos through `readableGallery` / `readablePhoto` (gallery/photos/access.ts), which
 *    apply the link's galleries and single photo; a list of a gallery's photos needs nothing
 *    more, since a single-photo link reads no gallery;
 * 5. downloads: allow at most `viewer.visitor.downloads` (`none` < `web` < `high` <
 *    `original`) for a visitor, as well as the collection's and the gallery's settings;
 * 6. images for visitors: `Cache-Control: private` (never `public`), so that no shared cache
 *    keeps serving an image after the link is revoked.
 * Unsafe methods need nothing more: the guard checks the visitor's CSRF token itself.
 */
export async function requestViewer(
  ctx: Pick<ResourceContext<'accounts'>, 'storage' | 'clock'>,
  request: FastifyRequest,
): Promise<Viewer> {
  if (request.auth) return viewerOf(ctx, request.auth);
  if (request.visitor) return visitorViewer(ctx, request.visitor);
  throw new AppError('session_expired');
}
