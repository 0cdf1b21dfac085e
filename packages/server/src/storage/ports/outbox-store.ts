import type { MailTransport, MessageKind, MessageStatus } from '@proofsheet/protocol';

/** One email, as the outbox keeps it from the moment it is asked for. */
export interface OutboxRecord {
  id: string;
  /** The account of the user written to: its owners see the message. */
  accountId: string;
  kind: MessageKind;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  status: MessageStatus;
  transport: MailTransport;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/** Every email the server sends, kept with its status whether it left by SMTP or not. */
export interface OutboxStore {
  create(message: OutboxRecord): Promise<void>;
  findById(id: string): Promise<OutboxRecord | null>;
  /** An account's messages, newest first. */
  list(
    accountId: string,
    window: { offset: number; limit: number },
  ): Promise<{ items: OutboxRecord[]; total: number }>;
  /** An attempt failed and will be tried again: counts it, keeps why. */
  recordFailure(id: string, reason: string, at: Date): Promise<void>;
  /**
   * Delivered. `text` and `html` replace the bodies kept (a delivered message keeps no secret
   * its link carried: see `mail/redact.ts`).
   */
  markSent(id: string, at: Date, bodies: { text: string; html: string }): Promise<void>;
  /** Given up on: no attempts left. */
  markFailed(id: string, reason: string, at: Date): Promise<void>;
  /**
   * The IDs of messages still `queued` and untouched since `before` (oldest first, at most
   * `limit`): a process stopped between keeping one and enqueuing its job leaves it so.
   */
  listStranded(before: Date, limit: number): Promise<string[]>;
}
