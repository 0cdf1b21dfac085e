import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OutboxPage } from '@proofsheet/protocol';
import { Value } from '@sinclair/typebox/value';
import { queueMail } from '../../src/mail/queue-mail.js';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('GET /api/v1/outbox', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    for (let i = 0; i < 3; i += 1) {
      h.clock.advance(1000);
      await queueMail(
        {
          storage: h.storage,
          config: h.config,
          clock: h.clock,
          random: { bytes: (n) => crypto.getRandomValues(new Uint8Array(n)) },
        },
        {
          accountId: h.accountId,
          kind: 'password_reset',
          to: `person-${i}@example.com`,
          subject: `Message ${i}`,
          text: `Body ${i}: https://studio.example.test/reset-password?token=x`,
          html: `<p>Body ${i}</p>`,
        },
      );
    }
    // Another studio's message is never listed.
    await queueMail(
      {
        storage: h.storage,
        config: h.config,
        clock: h.clock,
        random: { bytes: (n) => crypto.getRandomValues(new Uint8Array(n)) },
      },
      {
        accountId: 'ac_other',
        kind: 'password_reset',
        to: 'x@example.com',
        subject: 'Other',
        text: 'x',
        html: 'x',
      },
    );
  });
  after(() => h.close());

  it("lists the studio's messages newest first, paged, to owners", async () => {
    const owner = await loginAs(h, 'owner');
    const response = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/outbox?per_page=2',
      headers: { cookie: owner.cookie },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.json() as OutboxPage;
    assert.ok(Value.Check(OutboxPage, body), 'the body fits the schema');
    assert.deepEqual(
      body.data.map((m) => m.subject),
      ['Message 2', 'Message 1'],
    );
    assert.equal(body.data[0]?.status, 'queued');
    assert.equal(body.data[0]?.transport, 'outbox');
    assert.equal(body.meta.total, 3);
    assert.equal(body.meta.links.next, '/api/v1/outbox?per_page=2&page=2');
    const second = await h.studio.inject({
      method: 'GET',
      url: body.meta.links.next ?? '',
      headers: { cookie: owner.cookie },
    });
    assert.deepEqual(
      (second.json() as OutboxPage).data.map((m) => m.subject),
      ['Message 0'],
    );
  });

  it('is refused to assistants (403) and without a session (401)', async () => {
    const assistant = await loginAs(h, 'assistant');
    const refused = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/outbox',
      headers: { cookie: assistant.cookie },
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'forbidden');
    const anonymous = await h.studio.inject({ method: 'GET', url: '/api/v1/outbox' });
    assert.equal(anonymous.statusCode, 401);
  });

  it('refuses contradicting or unknown paging parameters with 400', async () => {
    const owner = await loginAs(h, 'owner');
    for (const query of ['page=1&offset=0', 'per_page=0', 'status=sent']) {
      const response = await h.studio.inject({
        method: 'GET',
        url: `/api/v1/outbox?${query}`,
        headers: { cookie: owner.cookie },
      });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().code, 'invalid_query');
    }
  });
});
