import type { AuditEvent } from '@proofsheet/protocol';
import type { ListedAuditEvent } from '../../storage/ports/audit-store.js';

/** An event as the API shows it: its user by ID and current address. */
export function toAuditEvent(e: ListedAuditEvent): AuditEvent {
  return {
    id: e.id,
    type: e.type,
    created_at: e.createdAt.toISOString(),
    user: e.userId === null ? null : { id: e.userId, email: e.userEmail },
    ...(e.actorId !== null && e.actorId !== e.userId ? { actor_id: e.actorId } : {}),
    ip: e.ip,
    user_agent: e.userAgent,
    detail: e.detail,
  };
}
