import { type AuditDetail, type AuditEventType, newId } from '@proofsheet/protocol';
import type { Clock, Random } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';

/** The longest user agent kept, as the session list keeps it (`session-service.ts`). */
export const MAX_AUDIT_USER_AGENT = 300;

/** Where a background write's failure is told. */
export interface AuditLogger {
  error(details: object, message: string): void;
}

/** Who was on the other end: taken from the request, the same for every event it records. */
export interface AuditMeta {
  ip: string | null;
  userAgent: string | null;
  /** Where a write that the request does not wait for reports failing. */
  log?: AuditLogger;
}

/** The part of a request {@link auditMeta} reads. */
interface RequestLike {
  ip: string;
  headers: { 'user-agent'?: string | undefined };
  log: AuditLogger;
}

/** The meta of a request: its address is always known. */
export interface RequestMeta extends AuditMeta {
  ip: string;
}

/** The meta of an event recorded while answering `request`. */
export function auditMeta(request: RequestLike): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, log: request.log };
}

/** What happened, to whom, in which studio. */
export interface AuditEntry {
  accountId: string;
  type: AuditEventType;
  /** Whose event it is; `null` where no user can be named. */
  userId: string | null;
  /** Who acted, when someone else than `userId` (an owner acting on a member). */
  actorId?: string | null;
  /** Never a secret: no password, token or code goes here. */
  detail?: AuditDetail;
}

export interface AuditLogDeps {
  storage: Pick<Storage, 'auditEvents' | 'users'>;
  clock: Clock;
  random: Random;
}

/**
 * Records security events in the studio they belong to. {@link record} is awaited by the
 * request: a security log that silently drops what it was told is worse than a request that
 * fails, so a store that is down makes the request a 503 (as any store outage does), and the
 * event is never lost while the action it describes went through unnoticed.
 *
 * The exception is {@link recordForEmail}, for sign-in failures: whether an address has an
 * account must not show in the answer, and awaiting an insert made only for real accounts
 * would make their failures measurably slower (undoing the dummy hash of unknown addresses).
 * Those writes run beside the request; a failure is logged.
 */
export class AuditLog {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: AuditLogDeps) {}

  /** Records one event now; rejects as the store does (503 when it is unreachable). */
  record(meta: AuditMeta, entry: AuditEntry): Promise<void> {
    return this.write(meta, entry, this.deps.clock.now());
  }

  private async write(meta: AuditMeta, entry: AuditEntry, at: Date): Promise<void> {
    await this.deps.storage.auditEvents.record({
      id: newId('auditEvent', (n) => this.deps.random.bytes(n)),
      accountId: entry.accountId,
      type: entry.type,
      userId: entry.userId,
      actorId: entry.actorId ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, MAX_AUDIT_USER_AGENT) ?? null,
      detail: entry.detail ?? {},
      createdAt: at,
    });
  }

  /**
   * Records an event of the user with this address, in their studio, without the caller
   * waiting; an address no account has records nothing (there is no studio to record it in).
   * The time is taken now, not when the write runs.
   */
  recordForEmail(
    meta: AuditMeta,
    email: string,
    entry: Omit<AuditEntry, 'accountId' | 'userId'>,
  ): void {
    const at = this.deps.clock.now();
    const write = (async () => {
      const user = await this.deps.storage.users.findByEmail(email);
      if (!user) return;
      await this.write(meta, { ...entry, accountId: user.accountId, userId: user.id }, at);
    })()
      .catch((error: unknown) => {
        meta.log?.error({ err: error, auditType: entry.type }, 'audit event not recorded');
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Waits for the writes {@link recordForEmail} started: before closing the storage, and in tests. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
