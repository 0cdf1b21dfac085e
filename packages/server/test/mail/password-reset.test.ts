import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PASSWORD_RESET_ACCEPTED_MESSAGE } from '@proofsheet/protocol';
import { hashSecret } from '../../src/auth/tokens.js';
import { outboxMailer } from '../../src/mail/outbox-mailer.js';
import { createHarness, type Harness, login, loginAs } from '../helpers/harness.js';
import { eventually, outboxMessage, tokenIn } from './mail-helpers.js';

const NEW_PASSWORD = 'a brand new passphrase, long enough';

describe('password reset by email (outbox mode)', () => {
  let h: Harness;
  let ip = 0;
  /** A fresh IP per test: the per-IP limit is not what most tests are about. */
  let remoteAddress = '';
  before(async () => {
    h = await createHarness({}, { mailer: outboxMailer() });
  });
  after(() => h.close());
  beforeEach(() => {
    // A new hour: the per-address counters of earlier tests are gone.
    h.clock.advance(60 * 60_000 + 1);
    ip += 1;
    remoteAddress = `198.51.100.${ip}`;
  });

  function requestReset(email: string, from = remoteAddress) {
    return h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email },
      remoteAddress: from,
    });
  }
  function confirm(token: string, password = NEW_PASSWORD) {
    return h.studio.inject({
      method: 'POST',
      url: '/reset-password',
      payload: { token, password },
      remoteAddress,
    });
  }
  async function resetToken(email: string): Promise<string> {
    const before = (await h.storage.outbox.list(h.accountId, { offset: 0, limit: 1 })).total;
    const response = await requestReset(email);
    assert.equal(response.statusCode, 202);
    const message = await eventually(async () => {
      const { items, total } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 1 });
      return total > before && items[0]?.status === 'sent' ? items[0] : null;
    }, 'the reset email');
    assert.equal(message.to, email);
    return tokenIn(message.text);
  }

  it('answers an unknown address exactly as a known one, and writes only to the known one', async () => {
    const known = await requestReset(h.users.assistant.email);
    const unknown = await requestReset('nobody@example.com');
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.body, unknown.body);
    assert.deepEqual(known.json(), {
      data: { accepted: true, message: PASSWORD_RESET_ACCEPTED_MESSAGE },
    });
    const message = await outboxMessage(h.storage, h.accountId, 'sent');
    assert.equal(message.to, h.users.assistant.email);
    assert.equal(message.transport, 'outbox');
    assert.match(message.html, /<a href="http:\/\/localhost(:\d+)?\/reset-password\?token=/);
    await eventually(
      async () => ((await h.storage.jobs.depth())['password.reset'] ? null : true),
      'the jobs to finish',
    );
    const { total } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 50 });
    assert.equal(total, 1, 'no message for the unknown address');
  });

  it('the Gallery API, where gallery clients sign in, resets a password the same way', async () => {
    const email = h.users.gallery_client.email;
    const request = await h.gallery.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email },
      remoteAddress,
    });
    assert.equal(request.statusCode, 202);
    const message = await eventually(async () => {
      const { items } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 1 });
      return items[0]?.to === email && items[0]?.status === 'sent' ? items[0] : null;
    }, 'the reset email');
    const reset = await h.gallery.inject({
      method: 'POST',
      url: '/reset-password',
      payload: { token: tokenIn(message.text), password: NEW_PASSWORD },
      remoteAddress,
    });
    assert.equal(reset.statusCode, 200, reset.body);
    await login(h.gallery, email, NEW_PASSWORD);
  });

  it('a common new password is a 422, and the link still works for a better one', async () => {
    const token = await resetToken(h.users.assistant.email);
    const weak = await confirm(token, 'password1234');
    assert.equal(weak.statusCode, 422, weak.body);
    assert.match(weak.json<{ message: string }>().message, /too easy to guess/);
    assert.equal((await confirm(token)).statusCode, 200);
    await login(h.studio, h.users.assistant.email, NEW_PASSWORD);
  });

  it('a reset link sets the password, ends every sign-in and works once', async () => {
    const owner = h.users.owner.email;
    const first = await loginAs(h, 'owner');
    const second = await loginAs(h, 'owner');
    const token = await resetToken(owner);
    // Stored only as a hash.
    assert.ok(await h.storage.passwordResets.find(hashSecret(token)));
    const done = await confirm(token);
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { data: { reset: true, revoked_sessions: 2 } });
    for (const credentials of [first, second]) {
      const session = await h.studio.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: { cookie: credentials.cookie },
      });
      assert.equal(session.statusCode, 401, 'the session ended');
      const refresh = await h.studio.inject({
        method: 'POST',
        url: '/api/v1/session/refresh',
        headers: { cookie: credentials.cookie },
      });
      assert.equal(refresh.statusCode, 401, 'its auth token ended too');
    }
    await assert.rejects(login(h.studio, owner), /401/);
    await login(h.studio, owner, NEW_PASSWORD);
    const again = await confirm(token, 'yet another long passphrase');
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'reset_token_invalid');
    assert.match(again.json().message, /used already/);
  });

  it('refuses an expired token, an unknown one and a malformed one with 400', async () => {
    const token = await resetToken(h.users.gallery_client.email);
    h.clock.advance(h.config.passwordResetLifetimeMs + 1);
    const expired = await confirm(token);
    assert.equal(expired.statusCode, 400);
    assert.deepEqual(Object.keys(expired.json()).sort(), ['code', 'error', 'message']);
    assert.equal(expired.json().error, 'Bad Request');
    assert.match(expired.json().message, /expired/);
    const unknown = await confirm('A'.repeat(43));
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().message, /not valid/);
    const malformed = await confirm('not a token');
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'reset_token_invalid');
  });

  it('refuses a new password the password rules refuse with 422, leaving the link working', async () => {
    const token = await resetToken(h.users.assistant.email);
    const short = await confirm(token, 'short');
    assert.equal(short.statusCode, 422);
    assert.equal(short.json().code, 'validation_failed');
    assert.ok(short.json().details.password);
    const missing = await h.studio.inject({
      method: 'POST',
      url: '/reset-password',
      payload: { password: NEW_PASSWORD },
    });
    assert.equal(missing.statusCode, 422);
    const done = await confirm(token);
    assert.equal(done.statusCode, 200);
  });

  it('refuses a request without an email address with 422', async () => {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email: 'not an address' },
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().code, 'validation_failed');
  });

  it('throttles per address, known or not, with the same 429', async () => {
    const max = h.config.passwordResetMaxAccount;
    for (const email of [h.users.owner.email, 'stranger@example.com']) {
      for (let i = 0; i < max; i += 1) {
        assert.equal((await requestReset(email, `203.0.113.${i + 1}`)).statusCode, 202);
      }
      const refused = await requestReset(email, '203.0.113.200');
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().code, 'rate_limited');
      assert.ok(Number(refused.headers['retry-after']) > 0);
    }
  });

  it('throttles per IP', async () => {
    const max = h.config.passwordResetMaxIp;
    for (let i = 0; i < max; i += 1) {
      assert.equal((await requestReset(`someone-${i}@example.com`)).statusCode, 202);
    }
    const refused = await requestReset('one-more@example.com');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, 'rate_limited');
  });

  it('refuses a browser post without the page token with 403', async () => {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
      payload: { email: h.users.owner.email },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, 'csrf_mismatch');
    const confirmation = await h.studio.inject({
      method: 'POST',
      url: '/reset-password',
      headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
      payload: { token: 'A'.repeat(43), password: NEW_PASSWORD },
    });
    assert.equal(confirmation.statusCode, 403);
  });

  it('works without JavaScript: the form posts redirect, and problems come back on the page', async () => {
    const page = await h.studio.inject({ method: 'GET', url: '/forgot-password' });
    assert.equal(page.statusCode, 200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = {
      cookie,
      accept: 'text/html',
      origin: 'http://localhost:80',
      'content-type': 'application/x-www-form-urlencoded',
    };
    const posted = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      headers,
      payload: new URLSearchParams({ _csrf: csrf, email: h.users.owner.email }).toString(),
      remoteAddress,
    });
    assert.equal(posted.statusCode, 303);
    assert.equal(String(posted.headers.location), '/forgot-password?sent=1');
    const bad = await h.studio.inject({
      method: 'POST',
      url: '/reset-password',
      headers,
      payload: new URLSearchParams({
        _csrf: csrf,
        token: 'B'.repeat(43),
        password: NEW_PASSWORD,
      }).toString(),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /text\/html/);
    assert.match(bad.body, /not valid/);
    const login = await h.studio.inject({ method: 'GET', url: '/login' });
    assert.match(login.body, /href="\/forgot-password"/);
  });
});
