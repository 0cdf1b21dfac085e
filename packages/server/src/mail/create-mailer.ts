import type { Config } from '../config/config.js';
import type { Mailer } from './mailer.js';
import { outboxMailer } from './outbox-mailer.js';
import { smtpMailer } from './smtp-mailer.js';

/** The SMTP URL with its password hidden, for start-up lines and logs. */
function shown(url: string): string {
  return url.replace(/\/\/([^@/:]*):[^@/]*@/, '//$1:…@');
}

/**
 * The one place that picks the mailer from the configuration: SMTP with nodemailer when
 * `PROOFSHEET_SMTP_URL` is set, else the local outbox alone.
 */
export function createMailer(config: Pick<Config, 'mail'>): {
  mailer: Mailer;
  description: string;
} {
  const { smtpUrl } = config.mail;
  if (smtpUrl) {
    return { mailer: smtpMailer(smtpUrl), description: `mail by SMTP at ${shown(smtpUrl)}` };
  }
  return { mailer: outboxMailer(), description: 'mail kept in the outbox (/app/outbox)' };
}
