/**
 * A real SMTP server on loopback (the `smtp-server` package), which parses every message it
 * receives with `mailparser`: what the mail tests read, links included.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  port: number;
  /** `smtp://` URL with credentials, as `PROOFSHEET_SMTP_URL` would be. */
  url: string;
  received: ParsedMail[];
  /** The credentials each delivery signed in with. */
  logins: string[];
  close(): Promise<void>;
}

/** Starts the server on `port` (0: any free one). */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    // Loopback, no certificate: STARTTLS off, and so AUTH over the plain connection.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.username !== 'mailer' || auth.password !== 'secret') {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://mailer:secret@127.0.0.1:${actual}`,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
