/**
 * Sign-up and email change over a real SMTP server on loopback: the messages arrive in text
 * and HTML with links on the configured public URL, the links work, and the outbox keeps
 * copies without their tokens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_STUDIO } from '../../src/mail/queue-mail.js';
import { type Harness, loginAs } from '../helpers/harness.js';
import { eventually, tokenIn } from './mail-helpers.js';
import { SMTP_PUBLIC_URL as PUBLIC_URL, type SmtpHarness, smtpHarness } from './smtp-harness.js';

describe('sign-up and email change by SMTP (a real SMTP server on loopback)', () => {
  let smtp: SmtpHarness;
  let h: Harness;
  before(async () => {
    smtp = await smtpHarness({ signUp: 'open' });
    h = smtp.h;
  });
  after(() => smtp.close());
  const receivedBy = (address: string) => smtp.receivedBy(address);

  it('delivers the sign-up link, which makes the studio', async () => {
    const email = 'smtp-owner@example.com';
    const response = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email, studio_name: 'SMTP Studio', first_name: 'Sam', last_name: 'Tp' },
    });
    assert.equal(response.statusCode, 202);
    const mail = await receivedBy(email);
    assert.equal(mail.subject, 'Finish making your Proofsheet studio');
    const token = tokenIn(mail.text ?? '', '/signup/complete');
    assert.ok((mail.text ?? '').includes(`${PUBLIC_URL}/signup/complete?token=${token}`));
    assert.match(
      String(mail.html),
      new RegExp(`href="${PUBLIC_URL}/signup/complete\\?token=${token}"`),
    );
    const kept = await eventually(async () => {
      const { items } = await h.storage.outbox.list(NO_STUDIO, { offset: 0, limit: 1 });
      return items[0]?.status === 'sent' ? items[0] : null;
    }, 'the kept copy');
    assert.ok(!kept.text.includes(token), 'the kept copy has no token');
    const done = await h.studio.inject({
      method: 'POST',
      url: '/signup/complete',
      payload: { token, password: 'the password from the emailed link' },
    });
    assert.equal(done.statusCode, 201, done.body);
  });

  it('delivers the email-change link to the new address and the notice to the old one', async () => {
    const creds = await loginAs(h, 'assistant');
    const response = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/email',
      headers: creds.headers,
      payload: { email: 'smtp-new@example.com', password: 'correct horse battery staple' },
    });
    assert.equal(response.statusCode, 202, response.body);
    const link = await receivedBy('smtp-new@example.com');
    const notice = await receivedBy(h.users.assistant.email);
    assert.equal(notice.subject, 'Your Proofsheet email address is being changed');
    const token = tokenIn(link.text ?? '', '/account/email/confirm');
    assert.ok((link.text ?? '').includes(`${PUBLIC_URL}/account/email/confirm?token=`));
    const done = await h.studio.inject({
      method: 'POST',
      url: '/account/email/confirm',
      payload: { token },
    });
    assert.equal(done.statusCode, 200, done.body);
  });
});
