import type { FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { type AuditLog, auditMeta } from '../../audit/audit-log.js';
import type { Invitations } from '../../auth/invitations/invitations.js';
import { selfOrigin } from '../../auth/origin-check.js';
import { AppError } from '../../http/app-error.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import { notify } from '../../studio/notifications/notify.js';

/** What sharing with an address that has no account needs: an invitation, sent and audited. */
export interface ShareInviter {
  invitations: Invitations;
  audit: AuditLog;
  /** This API's origin as browsers see it, or null to take it from the Host header. */
  publicOrigin: string | null;
  secure: boolean;
}

/** Who `shared_with` names: gallery clients of the studio, and invitations of new addresses. */
export interface ResolvedShares {
  /** User ids of the gallery clients. */
  sharedWith: string[];
  /** Ids of the invitations of addresses that have no account in the studio yet. */
  invitations: string[];
}

/**
 * Turns `shared_with` emails into gallery clients of the account and, for an address with no
 * account here, an invitation as a gallery client (sent once; the collection is theirs when
 * they accept). Staff addresses are refused: staff see every collection, and sharing with
 * them would say nothing. Another studio's users are invited like anyone.
 */
export async function resolveShares(
  ctx: Pick<ResourceContext<'users'>, 'storage' | 'config'>,
  inviter: ShareInviter,
  request: FastifyRequest,
  viewer: { accountId: string; userId: string },
  emails: readonly string[],
): Promise<ResolvedShares> {
  if (emails.length === 0) return { sharedWith: [], invitations: [] };
  const members = await ctx.storage.users.findByEmails(viewer.accountId, emails);
  const byEmail = new Map(members.map((u) => [u.email.toLowerCase(), u]));
  const staff = emails.filter((e) => {
    const member = byEmail.get(e.toLowerCase());
    return member !== undefined && member.role !== 'gallery_client';
  });
  if (staff.length > 0) {
    throw new AppError(
      'validation_failed',
      'shared_with may list gallery clients of this studio, or new addresses to invite',
      { shared_with: staff.map((e) => `${e} is staff of this studio, who see every collection`) },
    );
  }
  const sharedWith = new Set<string>();
  const invitations = new Set<string>();
  // Links point at the configured public URL; without one (outbox mode only), at this host.
  const self = selfOrigin(request, inviter);
  const links = {
    studio: ctx.config.publicStudioUrl ?? self,
    gallery: ctx.config.publicGalleryUrl ?? self,
  };
  for (const email of emails) {
    const member = byEmail.get(email.toLowerCase());
    if (member) {
      sharedWith.add(member.id);
      continue;
    }
    const { invitation, sent } = await inviter.invitations.forShare(
      viewer.accountId,
      viewer.userId,
      email,
      links,
    );
    invitations.add(invitation.id);
    if (sent) {
      await inviter.audit.record(auditMeta(request), {
        accountId: viewer.accountId,
        type: 'invitation.sent',
        userId: viewer.userId,
        detail: { email: invitation.email, role: invitation.role },
      });
    }
  }
  return { sharedWith: [...sharedWith], invitations: [...invitations] };
}

/** Notifies the studio once for each user the collection is newly shared with. */
export async function notifyNewShares(
  ctx: Pick<ResourceContext<'notifications'>, 'storage' | 'clock' | 'random'>,
  collection: CollectionView,
  previouslySharedWith: readonly string[],
): Promise<void> {
  const before = new Set(previouslySharedWith);
  for (const [i, userId] of collection.sharedWith.entries()) {
    if (before.has(userId)) continue;
    const email = collection.sharedWithEmails[i] ?? userId;
    await notify(ctx, collection.accountId, {
      type: 'collection_shared',
      title: 'Collection shared',
      message: `"${collection.name}" was shared with ${email}.`,
      subject: { collection_id: collection.id, user_id: userId },
    });
  }
}
