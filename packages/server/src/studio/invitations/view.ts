import type { Invitation } from '@proofsheet/protocol';
import { type InvitationRecord, invitationStatus } from '../../storage/ports/invitation-store.js';

/** An invitation as owners see it at `now`: never its token's hash. */
export function toInvitation(invitation: InvitationRecord, now: Date): Invitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    first_name: invitation.firstName,
    last_name: invitation.lastName,
    status: invitationStatus(invitation, now),
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
    invited_by: invitation.invitedBy,
  };
}
