import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.js';

/** How long one SMTP exchange may take before the attempt counts as failed. */
export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

const DEFAULT_TIMEOUTS: SmtpTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 30_000,
};

/**
 * Delivers through the SMTP server of `url` with nodemailer: `smtp://` upgrades with STARTTLS
 * when the server offers it, `smtps://` is TLS from the start; credentials come in the URL.
 * One connection per message: mail is rare here, and a pooled connection left idle dies.
 */
export function smtpMailer(url: string, timeouts: Partial<SmtpTimeouts> = {}): Mailer {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: t.connectionMs,
    greetingTimeout: t.greetingMs,
    socketTimeout: t.socketMs,
  });
  return {
    transport: 'smtp',
    async send(message) {
      await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    async close() {
      transporter.close();
    },
  };
}
