/**
 * Invitations over a real SMTP server on loopback: an owner's invitation arrives in text and
 * HTML with its link on the public URL, the link works (here for someone who has an account in
 * another studio and joins with their password), and the outbox keeps a copy without the token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { smtpMailer } from '../../src/mail/smtp-mailer.js';
import { createHarness, type Harness, login, PASSWORD } from '../helpers/harness.js';
import { eventually, tokenIn } from './mail-helpers.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.js';

const PUBLIC_URL = 'https://studio.example.test';

describe('invitations by SMTP (a real SMTP server on loopback)', () => {
  let smtp: TestSmtpServer;
  let h: Harness;
  before(async () => {
    smtp = await startSmtpServer();
    const mail = { smtpUrl: smtp.url, from: 'Proofsheet <no-reply@studio.example.test>' };
    h = await createHarness(
      { mail, publicStudioUrl: PUBLIC_URL },
      { mailer: smtpMailer(smtp.url, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 }) },
    );
  });
  after(async () => {
    await h.close();
    await smtp.close();
  });

  function receivedBy(address: string): Promise<ParsedMail> {
    return eventually(
      async () => smtp.received.find((m) => (m.to && 'text' in m.to ? m.to.text : '') === address),
      `a message to ${address}`,
    );
  }

  it("delivers another studio's invitation, whose link joins with the account's password", async () => {
    const other = await h.addStudio('Okafor Weddings');
    const owner = await login(h.studio, other.owner.email);
    const email = h.users.assistant.email;
    const invited = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: owner.headers,
      payload: { email, role: 'assistant' },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const mail = await receivedBy(email);
    assert.equal(mail.subject, 'Okafor Weddings invites you to Proofsheet');
    const token = tokenIn(mail.text ?? '', '/invitations/accept');
    assert.ok((mail.text ?? '').includes(`${PUBLIC_URL}/invitations/accept?token=${token}`));
    assert.match(
      String(mail.html),
      new RegExp(`href="${PUBLIC_URL}/invitations/accept\\?token=${token}"`),
    );
    const kept = await eventually(async () => {
      const { items } = await h.storage.outbox.list(other.accountId, { offset: 0, limit: 5 });
      const copy = items.find((m) => m.to === email);
      return copy?.status === 'sent' ? copy : null;
    }, 'the kept copy');
    assert.ok(!kept.text.includes(token), 'the kept copy has no token');

    const joined = await h.studio.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token, password: PASSWORD },
    });
    assert.equal(joined.statusCode, 201, joined.body);
    assert.equal(
      joined.json<{ data: { user: { account_id: string } } }>().data.user.account_id,
      other.accountId,
    );
  });
});
