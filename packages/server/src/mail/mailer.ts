import type { MailTransport } from '@proofsheet/protocol';

/** One email, ready to leave. */
export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where email goes: an SMTP server, or nowhere but the outbox that every message is kept in
 * anyway. Picked once, in `create-mailer.ts`. Only the mail worker calls it, never a request.
 */
export interface Mailer {
  transport: MailTransport;
  /** Hands the message on; throws when it could not be (the job is tried again). */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
