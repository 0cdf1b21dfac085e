import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EMAIL_CHANGE_ACCEPTED_MESSAGE, newId } from '@proofsheet/protocol';
import { outboxMailer } from '../../src/mail/outbox-mailer.js';
import { EVERY_AUDIT_EVENT } from '../../src/storage/ports/audit-store.js';
import {
  type Credentials,
  createHarness,
  type Harness,
  login,
  loginAs,
  PASSWORD,
} from '../helpers/harness.js';
import { sentTo, tokenIn } from '../mail/mail-helpers.js';

describe('changing the email address', () => {
  let h: Harness;
  let ip = 0;
  let remoteAddress = '';
  before(async () => {
    h = await createHarness({}, { mailer: outboxMailer() });
  });
  after(() => h.close());
  beforeEach(() => {
    h.clock.advance(60_000);
    ip += 1;
    remoteAddress = `198.51.100.${ip}`;
  });

  function ask(creds: Credentials, email: string, password = PASSWORD, app = h.studio) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/account/email',
      headers: creds.headers,
      payload: { email, password },
      remoteAddress,
    });
  }
  function confirm(token: string, app = h.studio) {
    return app.inject({
      method: 'POST',
      url: '/account/email/confirm',
      payload: { token },
      remoteAddress,
    });
  }

  it('a link to the new address swaps it on confirming; the old address is told', async () => {
    const creds = await loginAs(h, 'assistant');
    const old = h.users.assistant.email;
    const response = await ask(creds, 'assistant-new@example.com');
    assert.equal(response.statusCode, 202, response.body);
    assert.equal(response.json().data.message, EMAIL_CHANGE_ACCEPTED_MESSAGE);
    const notice = await sentTo(h.storage, h.accountId, old);
    assert.equal(notice.kind, 'email_change_notice');
    assert.match(notice.text, /assistant-new@example\.com/);
    assert.doesNotMatch(notice.text, /token=/);
    const link = await sentTo(h.storage, h.accountId, 'assistant-new@example.com');
    const token = tokenIn(link.text, '/account/email/confirm');
    // Until the link is opened nothing changed.
    assert.equal((await h.storage.users.findByEmail(old))?.id, h.users.assistant.id);
    const page = await h.studio.inject({ url: `/account/email/confirm?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /assistant-new@example\.com/);
    assert.equal(
      await h.storage.users.findByEmail('assistant-new@example.com'),
      null,
      'GET changes nothing',
    );

    const done = await confirm(token);
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { data: { email: 'assistant-new@example.com' } });
    assert.equal(await h.storage.users.findByEmail(old), null);
    await login(h.studio, 'assistant-new@example.com');
    const events = await h.storage.auditEvents.list(
      h.accountId,
      { offset: 0, limit: 20 },
      EVERY_AUDIT_EVENT,
    );
    const types = events.items.map((e) => e.type);
    assert.ok(types.includes('email.change_requested'));
    assert.ok(types.includes('email.changed'));

    const again = await confirm(token);
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'email_change_token_invalid');
  });

  it('needs the right password (422 on the field) and a new address', async () => {
    const creds = await loginAs(h, 'owner');
    const wrong = await ask(creds, 'owner-new@example.com', 'not the password at all');
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(Object.keys(wrong.json().details), ['password']);
    const same = await ask(creds, h.users.owner.email.toUpperCase());
    assert.equal(same.statusCode, 422);
    const signedOut = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/email',
      payload: { email: 'x@example.com', password: PASSWORD },
    });
    assert.equal(signedOut.statusCode, 401);
  });

  it('an address another user has gets the same answer, and a note without a link', async () => {
    const creds = await loginAs(h, 'owner');
    const taken = await ask(creds, h.users.gallery_client.email);
    const free = await ask(creds, 'owner-free@example.com');
    assert.equal(taken.statusCode, 202);
    assert.equal(taken.body, free.body);
    const note = await sentTo(h.storage, h.accountId, h.users.gallery_client.email);
    assert.equal(note.kind, 'email_change');
    assert.doesNotMatch(note.text, /token=/);
  });

  it('a newer request makes the older link stop working; a taken address is a 409', async () => {
    const creds = await loginAs(h, 'owner');
    await ask(creds, 'first-try@example.com');
    const first = tokenIn(
      (await sentTo(h.storage, h.accountId, 'first-try@example.com')).text,
      '/account/email/confirm',
    );
    await ask(creds, 'second-try@example.com');
    const second = tokenIn(
      (await sentTo(h.storage, h.accountId, 'second-try@example.com')).text,
      '/account/email/confirm',
    );
    const stale = await confirm(first);
    assert.equal(stale.statusCode, 400);
    // The address became someone else's since the link was sent: nothing changes.
    await h.storage.users.create({
      ...h.users.assistant,
      id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
      email: 'second-try@example.com',
    });
    const taken = await confirm(second);
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'email_taken');
    assert.equal((await h.storage.users.findById(h.users.owner.id))?.email, h.users.owner.email);
  });

  it('works on the Gallery API too, with its link there', async () => {
    const creds = await loginAs(h, 'gallery_client');
    const response = await ask(creds, 'client-new@example.com', PASSWORD, h.gallery);
    assert.equal(response.statusCode, 202, response.body);
    const token = tokenIn(
      (await sentTo(h.storage, h.accountId, 'client-new@example.com')).text,
      '/account/email/confirm',
    );
    const done = await confirm(token, h.gallery);
    assert.equal(done.statusCode, 200);
    const form = await h.gallery.inject({
      method: 'POST',
      url: '/account/email/confirm',
      headers: { accept: 'text/html' },
      payload: { token },
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /used already/);
  });
});
