import { TOUCH_INTERVAL_MS } from '../../auth/session-service.js';
import { hashSecret, isSecretShaped, visitorCsrfTokenFor } from '../../auth/tokens.js';
import type { VisitorAccess, VisitorResolver } from '../../auth/visitors.js';
import type { Clock } from '../../deps.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { VisitRecord } from '../../storage/ports/visitor-store.js';
import { passwordEntered } from './password-stamp.js';

/** Whether a visit has ended by `now`: its session's lifetime, or its link's expiry. */
export function visitEnded(visit: VisitRecord, now: Date): boolean {
  const linkEnd = visit.link.expiresAt;
  return visit.session.expiresAt <= now || (linkEnd !== null && linkEnd <= now);
}

/**
 * Resolves visitor cookies for the auth guard, from the store on every request: nothing is
 * cached, so a revoked link (its sessions deleted), a link past its expiry or a changed
 * collection password holds at the next request on every instance. Activity is recorded at
 * most once a minute per session, as for sessions.
 */
export function visitorResolver(storage: Pick<Storage, 'visitors'>, clock: Clock): VisitorResolver {
  return {
    async resolve(cookie): Promise<VisitorAccess | null> {
      // Anything not shaped like our tokens is not looked up.
      if (!isSecretShaped(cookie)) return null;
      const tokenHash = hashSecret(cookie);
      const visit = await storage.visitors.resolve(tokenHash);
      if (!visit) return null;
      const now = clock.now();
      if (visitEnded(visit, now)) {
        await storage.visitors.endSession(tokenHash);
        return null;
      }
      if (now.getTime() - visit.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await storage.visitors.touch(tokenHash, visit.visitor.id, now);
      }
      const { link } = visit;
      return {
        tokenHash,
        csrfToken: visitorCsrfTokenFor(cookie),
        visitorId: visit.visitor.id,
        email: visit.visitor.email,
        accountId: visit.session.accountId,
        collectionId: visit.session.collectionId,
        linkId: link.id,
        galleryIds: link.galleryIds,
        photoId: link.photoId,
        downloads: link.downloads,
        locked: !passwordEntered(visit.collection, visit.session.passwordStamp),
        expiresAt: visit.session.expiresAt,
      };
    },
  };
}
