import type { AuditDetail, AuditEventType } from '@proofsheet/protocol';

/** One security event, as the audit log keeps it. */
export interface AuditEventRecord {
  id: string;
  /** The studio it belongs to: its owners see it, no other studio ever does. */
  accountId: string;
  type: AuditEventType;
  /** Whose event it is; `null` where no user could be named. */
  userId: string | null;
  /** Who acted, when someone else than the user; `null` otherwise. */
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: AuditDetail;
  createdAt: Date;
}

/** An event as listed: with the address of its user now (`null` once the user is deleted). */
export interface ListedAuditEvent extends AuditEventRecord {
  userEmail: string | null;
}

/** Which events a list keeps; every field given must match. */
export interface AuditEventFilter {
  /** Any of these types; `null`: every type. */
  types: readonly AuditEventType[] | null;
  userId: string | null;
  /** From this instant on, inclusive. */
  since: Date | null;
  /** Before this instant, exclusive. */
  until: Date | null;
}

/** No filter: every event of the account. */
export const EVERY_AUDIT_EVENT: AuditEventFilter = {
  types: null,
  userId: null,
  since: null,
  until: null,
};

/** The audit log of every studio. Rows are written once and never changed, only aged out. */
export interface AuditStore {
  record(event: AuditEventRecord): Promise<void>;
  /** An account's events that pass `filter`, newest first, ties broken by ID (descending). */
  list(
    accountId: string,
    window: { offset: number; limit: number },
    filter: AuditEventFilter,
  ): Promise<{ items: ListedAuditEvent[]; total: number }>;
  /** Deletes every event (of any account) created before `date`; returns how many. */
  deleteOlderThan(date: Date): Promise<number>;
}
