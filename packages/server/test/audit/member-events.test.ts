import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';

/** Invitations and members in the studio's audit log: who did what to whom. */
describe('member and invitation events', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  async function events() {
    await h.services.audit.flush();
    const { items } = await h.storage.auditEvents.list(
      h.accountId,
      { offset: 0, limit: 100 },
      { types: null, userId: null, since: null, until: null },
    );
    return items;
  }

  it('an invitation sent, accepted and one withdrawn; a role changed and a member removed', async () => {
    const owner = await loginAs(h, 'owner');
    const tick = () => h.clock.advance(1000);
    const sent = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: owner.headers,
      payload: { email: 'sam@example.com', role: 'assistant' },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    tick();
    const { items: mail } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 10 });
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail[0]?.text ?? '')?.[1] ?? '';
    const accepted = await h.studio.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: {
        token,
        password: 'a brand new passphrase, long enough',
        first_name: 'Sam',
        last_name: 'Okafor',
      },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const sam = accepted.json().data.user.id as string;
    tick();
    const other = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: owner.headers,
      payload: { email: 'kim@example.com', role: 'gallery_client' },
    });
    tick();
    await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${other.json().data.id}`,
      headers: owner.headers,
    });
    tick();
    await h.studio.inject({
      method: 'PUT',
      url: `/api/v1/members/${sam}`,
      headers: owner.headers,
      payload: { role: 'owner' },
    });
    tick();
    await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/members/${sam}`,
      headers: owner.headers,
    });

    const ownerId = h.users.owner.id;
    const seen = (await events())
      .filter((e) => e.type !== 'sign_in.succeeded' || e.userId === sam)
      // Oldest first; the accept's two events share an instant (listed by ID), so by type.
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.type.localeCompare(b.type))
      .map((e) => [e.type, e.userId === sam ? 'sam' : e.userId === ownerId ? 'owner' : e.userId]);
    assert.deepEqual(seen, [
      ['invitation.sent', 'owner'],
      ['invitation.accepted', 'sam'],
      ['sign_in.succeeded', 'sam'],
      ['invitation.sent', 'owner'],
      ['invitation.revoked', 'owner'],
      ['member.role_changed', 'sam'],
      ['member.removed', 'sam'],
    ]);
    const changed = (await events()).find((e) => e.type === 'member.role_changed');
    assert.equal(changed?.actorId, ownerId, 'the owner acted');
    assert.deepEqual(changed?.detail, { target_user_id: sam, role: 'owner' });
    assert.ok(!JSON.stringify(await events()).includes(token), 'no token in the log');
  });
});
