import type { Clock } from '../deps.js';
import type { Storage } from '../storage/ports/storage.js';
import type { Mailer } from './mailer.js';
import { redactTokens } from './redact.js';

export interface MailWorkerContext {
  storage: Pick<Storage, 'outbox' | 'jobs'>;
  clock: Clock;
}

export interface MailWorkerOptions {
  /** Messages sent at once by this process. */
  concurrency: number;
  /** Told when an attempt failed (it is tried again) or the last one did. */
  onError?: (error: unknown, messageId: string) => void;
}

/** Why an attempt failed, short enough for the outbox and free of the SMTP password. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\/\/([^@/:\s]*):[^@/\s]*@/g, '//$1:…@').slice(0, 500);
}

/**
 * Runs `mail.send` jobs: hands each message to the mailer and marks it sent, keeping a copy
 * without the tokens its links carried. A failed attempt is counted on the message and thrown,
 * so the queue tries again with backoff (a restart loses nothing: the job is in the database);
 * after the last attempt the message is marked `failed` with the reason. A message already
 * sent is not sent again when its job runs twice (the queue runs jobs at least once).
 */
export async function startMailWorkers(
  ctx: MailWorkerContext,
  mailer: Mailer,
  options: MailWorkerOptions,
): Promise<void> {
  const { outbox, jobs } = ctx.storage;
  jobs.onFinalFailure((job, error) => {
    if (job.name !== 'mail.send') return;
    const { messageId } = job.payload as { messageId: string };
    options.onError?.(error, messageId);
    outbox
      .markFailed(
        messageId,
        `Gave up after ${job.attempt} attempts: ${reasonOf(error)}`,
        ctx.clock.now(),
      )
      .catch((thrown: unknown) => options.onError?.(thrown, messageId));
  });
  await jobs.work(
    'mail.send',
    async (job) => {
      const message = await outbox.findById(job.payload.messageId);
      if (message?.status !== 'queued') return;
      try {
        await mailer.send(message);
      } catch (error) {
        await outbox.recordFailure(message.id, reasonOf(error), ctx.clock.now());
        if (job.attempt < job.maxAttempts) options.onError?.(error, message.id);
        throw error;
      }
      // Outbox mode: the outbox is the mailbox, so the link must keep working there.
      const bodies =
        mailer.transport === 'smtp'
          ? { text: redactTokens(message.text), html: redactTokens(message.html) }
          : { text: message.text, html: message.html };
      await outbox.markSent(message.id, ctx.clock.now(), bodies);
    },
    { concurrency: options.concurrency },
  );
}
