import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REDACTED_TOKEN } from '../../src/mail/redact.js';
import { smtpMailer } from '../../src/mail/smtp-mailer.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { eventually, outboxMessage, tokenIn } from './mail-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.js';

const PUBLIC_URL = 'https://studio.example.test';

describe('email by SMTP (a real SMTP server on loopback)', () => {
  let smtp: TestSmtpServer;
  let h: Harness;
  const failures: unknown[] = [];
  before(async () => {
    smtp = await startSmtpServer();
    const mail = { smtpUrl: smtp.url, from: 'Test Studio <no-reply@studio.example.test>' };
    h = await createHarness(
      { mail, publicStudioUrl: PUBLIC_URL, jobRetryDelayMs: 1000, jobMaxAttempts: 5 },
      {
        // Short timeouts: the server that is down refuses at once, but keep the test quick.
        mailer: smtpMailer(smtp.url, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 }),
        onMailError: (error) => failures.push(error),
      },
    );
  });
  after(async () => {
    await h.close();
    await smtp.close();
  });

  it('delivers the reset email, text and HTML, with a link that resets the password', async () => {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email: h.users.owner.email },
    });
    assert.equal(response.statusCode, 202);
    const mail = await eventually(async () => smtp.received[0], 'the SMTP server to receive it');
    assert.equal(mail.subject, 'Reset your Proofsheet password');
    assert.deepEqual(mail.from?.value, [
      { name: 'Test Studio', address: 'no-reply@studio.example.test' },
    ]);
    assert.deepEqual(smtp.logins, ['mailer:secret']);
    const token = tokenIn(mail.text ?? '');
    assert.ok(
      (mail.text ?? '').includes(`${PUBLIC_URL}/reset-password?token=${token}`),
      'the link is on the configured public URL, not the Host header',
    );
    assert.match(
      String(mail.html),
      new RegExp(`href="${PUBLIC_URL}/reset-password\\?token=${token}"`),
    );
    const sent = await outboxMessage(h.storage, h.accountId, 'sent');
    assert.equal(sent.transport, 'smtp');
    assert.ok(
      !sent.text.includes(token) && !sent.html.includes(token),
      'the kept copy has no token',
    );
    assert.ok(sent.text.includes(`token=${REDACTED_TOKEN}`));
    const done = await h.studio.inject({
      method: 'POST',
      url: '/reset-password',
      payload: { token, password: 'the password from the email link' },
    });
    assert.equal(done.statusCode, 200, done.body);
  });

  it('retries after an SMTP failure: with the server down the message waits, and goes once it is back', async () => {
    const port = smtp.port;
    const before = smtp.received.length;
    await smtp.close();
    // Later than the first message: the outbox lists newest first.
    h.clock.advance(1000);
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email: h.users.assistant.email },
      remoteAddress: '192.0.2.9',
    });
    assert.equal(response.statusCode, 202);
    const failed = await eventually(async () => {
      const { items } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 1 });
      const m = items[0];
      return m && m.to === h.users.assistant.email && m.attempts >= 1 ? m : null;
    }, 'a failed attempt');
    assert.equal(failed.status, 'queued');
    assert.match(failed.lastError ?? '', /ECONNREFUSED|connect/i);
    assert.ok(!(failed.lastError ?? '').includes('secret'), 'no SMTP password in the reason');
    assert.ok(failures.length >= 1);
    // Back on the same port, as after a restart of the mail server.
    smtp = { ...(await startSmtpServer(port)) };
    const mail = await eventually(
      async () => {
        // The retry waits for its backoff on the test's clock.
        h.clock.advance(60_000);
        return smtp.received[0];
      },
      'the retried delivery',
      10_000,
    );
    assert.equal(mail.to && 'text' in mail.to ? mail.to.text : '', h.users.assistant.email);
    const sent = await outboxMessage(h.storage, h.accountId, 'sent');
    assert.ok(sent.attempts >= 2, `attempts: ${sent.attempts}`);
    assert.ok(before >= 1);
  });
});
