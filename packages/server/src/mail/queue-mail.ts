import { type MessageKind, newId } from '@proofsheet/protocol';
import type { Config } from '../config/config.js';
import type { Clock, Random } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';

/**
 * The outbox's account of messages to people in no studio yet (a sign-up's link): kept and
 * delivered like every other, listed on no studio's outbox page.
 */
export const NO_STUDIO = 'no_studio';

/** A message to send, as its template made it. */
export interface OutgoingMail {
  /** The account of the user written to: its owners see it in the outbox ({@link NO_STUDIO}: none). */
  accountId: string;
  kind: MessageKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface QueueMailContext {
  storage: Pick<Storage, 'outbox' | 'jobs'>;
  config: Pick<Config, 'mail'>;
  clock: Clock;
  random: Random;
}

/**
 * Keeps the message in the outbox as `queued` and enqueues its delivery: the mail worker sends
 * it, with retries, never the caller. The row is written first, so a job always finds its
 * message; the job carries only the message's id.
 */
export async function queueMail(ctx: QueueMailContext, mail: OutgoingMail): Promise<string> {
  const now = ctx.clock.now();
  const id = newId('message', (n) => ctx.random.bytes(n));
  await ctx.storage.outbox.create({
    id,
    accountId: mail.accountId,
    kind: mail.kind,
    to: mail.to,
    from: ctx.config.mail.from,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    status: 'queued',
    transport: ctx.config.mail.smtpUrl ? 'smtp' : 'outbox',
    attempts: 0,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  });
  await ctx.storage.jobs.enqueue('mail.send', { messageId: id }, { singletonKey: id });
  return id;
}
