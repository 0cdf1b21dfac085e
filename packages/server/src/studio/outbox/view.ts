import type { OutboxMessage } from '@proofsheet/protocol';
import type { OutboxRecord } from '../../storage/ports/outbox-store.js';

/** A message as the API shows it: its text body, not its HTML one. */
export function toOutboxMessage(m: OutboxRecord): OutboxMessage {
  return {
    id: m.id,
    kind: m.kind,
    to: m.to,
    from: m.from,
    subject: m.subject,
    text: m.text,
    status: m.status,
    transport: m.transport,
    attempts: m.attempts,
    last_error: m.lastError,
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt === null ? null : m.sentAt.toISOString(),
  };
}
