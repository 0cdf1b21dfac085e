/**
 * A test studio whose mail goes through a real SMTP server on loopback, and a way to wait for
 * what that server received: the set-up the SMTP tests of sign-up and invitations share.
 */
import type { ParsedMail } from 'mailparser';
import type { Config } from '../../src/config/config.js';
import { smtpMailer } from '../../src/mail/smtp-mailer.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { eventually } from './mail-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.js';

/** The public URL the links of these tests point at. */
export const SMTP_PUBLIC_URL = 'https://studio.example.test';

export interface SmtpHarness {
  h: Harness;
  smtp: TestSmtpServer;
  /** The first message the SMTP server received for `address`, once it has. */
  receivedBy(address: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function smtpHarness(overrides: Partial<Config> = {}): Promise<SmtpHarness> {
  const smtp = await startSmtpServer();
  const mail = { smtpUrl: smtp.url, from: 'Proofsheet <no-reply@studio.example.test>' };
  const h = await createHarness(
    { mail, publicStudioUrl: SMTP_PUBLIC_URL, ...overrides },
    // Short timeouts keep a failing test quick.
    { mailer: smtpMailer(smtp.url, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 }) },
  );
  return {
    h,
    smtp,
    receivedBy: (address) =>
      eventually(
        async () =>
          smtp.received.find((m) => (m.to && 'text' in m.to ? m.to.text : '') === address),
        `a message to ${address}`,
      ),
    async close() {
      await h.close();
      await smtp.close();
    },
  };
}
