import type { Mailer } from './mailer.js';

/**
 * No SMTP configured: the outbox, where every message is kept already, is where it arrives.
 * Sending only marks it sent, so the flows that send mail work on a fresh machine and owners
 * read the messages at /app/outbox.
 */
export function outboxMailer(): Mailer {
  return {
    transport: 'outbox',
    async send() {},
    async close() {},
  };
}
