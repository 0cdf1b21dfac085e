import type { ActiveSession } from '../auth/session-service.js';
import type { GalleryClientScope } from '../storage/ports.js';

/** Who is looking, for what they may see. */
export interface Viewer {
  userId: string;
  accountId: string;
  /** Set for a gallery client: reads are limited to what they may see. Unset for the studio. */
  visibleTo?: GalleryClientScope;
}

/** The viewer a session stands for. Owner and assistant see everything. */
export function viewerOf(auth: ActiveSession): Viewer {
  const { userId, accountId, role } = auth.login;
  return role === 'gallery_client'
    ? { userId, accountId, visibleTo: { userId } }
    : { userId, accountId };
}
