/**
 * Sharing a collection with an address that has no account in the studio: an invitation as a
 * gallery client goes out (once), the collection lists the address as invited, and accepting
 * the invitation shares the collection with the new client, in the same transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent, Collection } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import {
  type Credentials,
  createHarness,
  credentialsFrom,
  type Harness,
  login,
  loginAs,
  PASSWORD,
  setCookies,
} from '../helpers/harness.js';
import { createCollection } from '../helpers/resources.js';

const NEW_PASSWORD = 'a brand new passphrase, long enough';

async function invitationsTo(h: Harness, to: string) {
  const { items } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 100 });
  return items.filter((m) => m.to.toLowerCase() === to.toLowerCase() && m.kind === 'invitation');
}

function tokenOf(text: string): string {
  const token = /\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  assert.ok(token, `a link in:\n${text}`);
  return token;
}

function put(app: FastifyInstance, who: Credentials, id: number, payload: object) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/collections/${id}`,
    headers: who.headers,
    payload,
  });
}

describe('sharing a collection with a new address', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
  });
  after(() => h.close());

  it('invites the address once, lists it as invited, and accepting shares the collection', async () => {
    const email = 'Grandma@Example.com';
    const c = await createCollection(h, owner, { name: 'Wedding', shared_with: [email] });
    assert.deepEqual(c.shared_with, []);
    assert.deepEqual(c.invited, [email]);
    assert.equal(c.client_count, 0);
    const [mail] = await invitationsTo(h, email);
    assert.ok(mail, 'an invitation email');
    assert.match(mail.text, /as a client, to see your galleries/);
    assert.equal((await invitationsTo(h, email)).length, 1);

    // Saving the collection again with the address sends no second email.
    const again = await put(h.gallery, owner, c.id, { shared_with: [email.toLowerCase()] });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json<{ data: Collection }>().data.invited, [email]);
    assert.equal((await invitationsTo(h, email)).length, 1);
    // A second collection shared with the same address waits on the same invitation.
    const second = await createCollection(h, owner, { name: 'Engagement', shared_with: [email] });
    assert.deepEqual(second.invited, [email]);
    assert.equal((await invitationsTo(h, email)).length, 1);

    const sent = await h.studio.inject({
      url: '/api/v1/audit_events?type=invitation.sent',
      headers: (await loginAs(h, 'owner')).headers,
    });
    const events = sent.json<{ data: AuditEvent[] }>().data;
    assert.equal(events.filter((e) => e.detail.email === email).length, 1, 'audited once');

    const accepted = await h.gallery.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token: tokenOf(mail.text), password: NEW_PASSWORD, first_name: 'Rosa' },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const grandma = credentialsFrom(
      setCookies(accepted),
      accepted.json<{ data: { csrf_token: string } }>().data.csrf_token,
    );
    const mine = await h.gallery.inject({ url: '/api/v1/collections', headers: grandma.headers });
    assert.deepEqual(
      mine
        .json<{ data: Collection[] }>()
        .data.map((x) => x.name)
        .sort(),
      ['Engagement', 'Wedding'],
    );
    const seen = await h.gallery.inject({
      url: `/api/v1/collections/${c.id}`,
      headers: owner.headers,
    });
    const view = seen.json<{ data: Collection }>().data;
    assert.deepEqual(view.shared_with, [email]);
    assert.deepEqual(view.invited, []);
    // A client sees no one's invitation.
    const asClient = await h.gallery.inject({
      url: `/api/v1/collections/${c.id}`,
      headers: grandma.headers,
    });
    assert.deepEqual(asClient.json<{ data: Collection }>().data.invited, []);
  });

  it('dropping the address from shared_with drops its share; the invitation then opens nothing', async () => {
    const email = 'cousin@example.com';
    const c = await createCollection(h, owner, { name: 'Party', shared_with: [email] });
    const cleared = await put(h.gallery, owner, c.id, { shared_with: [] });
    assert.deepEqual(cleared.json<{ data: Collection }>().data.invited, []);
    const [mail] = await invitationsTo(h, email);
    assert.ok(mail);
    const accepted = await h.gallery.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token: tokenOf(mail.text), password: NEW_PASSWORD, first_name: 'Cousin' },
    });
    assert.equal(accepted.statusCode, 201);
    const who = credentialsFrom(
      setCookies(accepted),
      accepted.json<{ data: { csrf_token: string } }>().data.csrf_token,
    );
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${c.id}`,
      headers: who.headers,
    });
    assert.equal(res.statusCode, 404);
  });

  it('a user of another studio is invited too, and joins with their password', async () => {
    const other = await h.addStudio('Elsewhere');
    const c = await createCollection(h, owner, {
      name: 'Portraits',
      shared_with: [other.owner.email],
    });
    assert.deepEqual(c.invited, [other.owner.email]);
    const [mail] = await invitationsTo(h, other.owner.email);
    assert.ok(mail);
    const joined = await h.gallery.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token: tokenOf(mail.text), password: PASSWORD },
    });
    assert.equal(joined.statusCode, 201, joined.body);
    const who = credentialsFrom(
      setCookies(joined),
      joined.json<{ data: { csrf_token: string } }>().data.csrf_token,
    );
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${c.id}`,
      headers: who.headers,
    });
    assert.equal(res.statusCode, 200, 'shared with them in this studio');
    // In their own studio they are still its owner.
    const home = await login(h.studio, other.owner.email);
    const studios = await h.studio.inject({
      url: '/api/v1/account/studios',
      headers: home.headers,
    });
    assert.equal(studios.json<{ data: unknown[] }>().data.length, 2);
  });

  it('a deleted collection leaves no share waiting on the invitation', async () => {
    const email = 'late@example.com';
    const c = await createCollection(h, owner, { name: 'Gone', shared_with: [email] });
    const deleted = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/collections/${c.id}`,
      headers: owner.headers,
    });
    assert.equal(deleted.statusCode, 204);
    const [mail] = await invitationsTo(h, email);
    assert.ok(mail);
    const accepted = await h.gallery.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token: tokenOf(mail.text), password: NEW_PASSWORD, first_name: 'Late' },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
  });
});
