/**
 * Invitations over a real SMTP server on loopback: an owner's invitation arrives in text and
 * HTML with its link on the public URL, the link works (here for someone who has an account in
 * another studio and joins with their password), and the outbox keeps a copy without the token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, login, PASSWORD } from '../helpers/harness.js';
import { eventually, tokenIn } from './mail-helpers.js';
import { SMTP_PUBLIC_URL as PUBLIC_URL, type SmtpHarness, smtpHarness } from './smtp-harness.js';

describe('invitations by SMTP (a real SMTP server on loopback)', () => {
  let mail: SmtpHarness;
  let h: Harness;
  before(async () => {
    mail = await smtpHarness();
    h = mail.h;
  });
  after(() => mail.close());
  const receivedBy = (address: string) => mail.receivedBy(address);

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
    const message = await receivedBy(email);
    assert.equal(message.subject, 'Okafor Weddings invites you to Proofsheet');
    const token = tokenIn(message.text ?? '', '/invitations/accept');
    assert.ok((message.text ?? '').includes(`${PUBLIC_URL}/invitations/accept?token=${token}`));
    assert.match(
      String(message.html),
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
