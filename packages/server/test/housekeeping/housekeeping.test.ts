/**
 * The housekeeping pass deletes sessions that can no longer be used, studio and visitor alike,
 * and leaves the live ones: a studio running for years keeps only the sessions it still has.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '@proofsheet/protocol';
import { STALE_INVITATION_KEPT_MS, sweepExpired } from '../../src/housekeeping/housekeeping.js';
import { EVERY_AUDIT_EVENT } from '../../src/storage/ports/audit-store.js';
import { createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { createCollection } from '../helpers/resources.js';
import { createShareLink, enterAs } from '../helpers/share-links.js';

const HOUR = 3_600_000;

describe('housekeeping', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({
      sessionIdleMs: 2 * HOUR,
      sessionLifetimeMs: 24 * HOUR,
      // An idle session stays while its auth token may still renew it.
      authTokenLifetimeMs: HOUR,
      visitorSessionLifetimeMs: 4 * HOUR,
    });
  });
  after(() => h.close());

  const ctx = () => ({ storage: h.storage, clock: h.clock, config: h.config });

  it('deletes sessions idle past the timeout and visitor sessions past their lifetime', async () => {
    const owner = await loginAs(h, 'owner', h.gallery);
    const c = await createCollection(h, owner, { name: 'Kept visitors' });
    const link = await createShareLink(h, owner, c.id);
    const visitor = await enterAs(h, link, { email: 'aunt@example.com' });
    const asVisitor = () =>
      h.gallery.inject({ url: `/api/v1/collections/${c.id}`, headers: visitor.headers });
    assert.equal((await asVisitor()).statusCode, 200);

    assert.deepEqual(
      await sweepExpired(ctx()),
      {
        sessions: 0,
        visitorSessions: 0,
        resetTokens: 0,
        verificationTokens: 0,
        requeuedMail: 0,
        mfaChallenges: 0,
        auditEvents: 0,
        invitations: 0,
        passkeyChallenges: 0,
      },
      'all live',
    );

    h.clock.advance(3 * HOUR);
    // The owner's session is idle past its timeout and its auth token has expired: it can
    // never be used again. A new sign-in now is live.
    const later = await loginAs(h, 'owner', h.gallery);
    const ownerId = h.users.owner.id;
    assert.equal((await h.storage.sessions.listForUser(ownerId)).length, 2);
    assert.equal((await sweepExpired(ctx())).sessions, 1);
    assert.equal((await h.storage.sessions.listForUser(ownerId)).length, 1);
    const session = await h.gallery.inject({ url: '/api/v1/session', headers: later.headers });
    assert.equal(session.statusCode, 200, 'the live session still works');

    h.clock.advance(1.5 * HOUR);
    const swept = await sweepExpired(ctx());
    assert.equal(swept.visitorSessions, 1, 'the visit ended half an hour ago');
    assert.equal((await asVisitor()).statusCode, 401);
    const visitors = await h.gallery.inject({
      url: `/api/v1/collections/${c.id}/visitor_emails`,
      headers: later.headers,
    });
    assert.equal(visitors.statusCode, 200);
    assert.match(visitors.body, /aunt@example\.com/, 'the visitor’s email is kept');
  });

  it('deletes reset tokens a day past their expiry, and keeps younger ones', async () => {
    const token = (hash: string, expiresIn: number) => {
      const now = h.clock.now().getTime();
      return h.storage.passwordResets.create({
        tokenHash: hash,
        userId: h.users.assistant.id,
        createdAt: new Date(now),
        expiresAt: new Date(now + expiresIn),
        usedAt: null,
      });
    };
    await token('a'.repeat(64), 30 * 60_000);
    h.clock.advance(HOUR);
    await token('b'.repeat(64), 30 * 60_000);
    h.clock.advance(24 * HOUR);
    // a expired 24.5 hours ago; b expired 23.5 hours ago, and its link still says so.
    assert.equal((await sweepExpired(ctx())).resetTokens, 1);
    assert.equal(await h.storage.passwordResets.find('a'.repeat(64)), null);
    assert.ok(await h.storage.passwordResets.find('b'.repeat(64)));
  });

  it('queues again an email whose delivery job was lost, once it has waited a while', async () => {
    const at = h.clock.now();
    await h.storage.outbox.create({
      id: 'msg_stranded00000000000000',
      accountId: h.accountId,
      kind: 'password_reset',
      to: 'someone@example.com',
      from: 'studio@example.com',
      subject: 'Stranded',
      text: 'text',
      html: '<p>html</p>',
      status: 'queued',
      transport: 'outbox',
      attempts: 0,
      lastError: null,
      createdAt: at,
      updatedAt: at,
      sentAt: null,
    });
    const depth = async () => (await h.storage.jobs.depth())['mail.send'] ?? 0;
    const before = await depth();
    assert.equal((await sweepExpired(ctx())).requeuedMail, 0, 'too young to be stranded');
    h.clock.advance(HOUR);
    assert.equal((await sweepExpired(ctx())).requeuedMail, 1);
    assert.equal(await depth(), before + 1, 'its job is back in the queue');
    await sweepExpired(ctx());
    assert.equal(await depth(), before + 1, 'once: the job waiting holds the message’s key');
  });

  it('deletes audit events older than the retention, and keeps the younger ones', async () => {
    const retention = h.config.auditRetentionMs;
    const event = (ageMs: number) => ({
      id: newId('auditEvent', (n) => crypto.getRandomValues(new Uint8Array(n))),
      accountId: h.accountId,
      type: 'sign_out' as const,
      userId: h.users.owner.id,
      actorId: null,
      ip: '192.0.2.1',
      userAgent: null,
      detail: {},
      createdAt: new Date(h.clock.now().getTime() - ageMs),
    });
    const old = event(retention + 1);
    const young = event(retention - HOUR);
    await h.storage.auditEvents.record(old);
    await h.storage.auditEvents.record(young);
    assert.equal((await sweepExpired(ctx())).auditEvents, 1);
    const { items } = await h.storage.auditEvents.list(
      h.accountId,
      { offset: 0, limit: 100 },
      EVERY_AUDIT_EVENT,
    );
    const ids = items.map((e) => e.id);
    assert.ok(!ids.includes(old.id), 'the old event is gone');
    assert.ok(ids.includes(young.id), 'the young one stays');
    assert.equal(retention, 365 * 24 * HOUR, 'a year by default');
  });

  it('deletes invitations a month past their expiry or withdrawal, never accepted ones', async () => {
    let owner = await loginAs(h, 'owner');
    const invite = async (email: string) => {
      const res = await h.studio.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: owner.headers,
        payload: { email, role: 'gallery_client' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ data: { id: string } }>().data.id;
    };
    const lapsed = await invite('lapsed@example.com');
    const withdrawn = await invite('withdrawn@example.com');
    await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${withdrawn}`,
      headers: owner.headers,
    });
    h.clock.advance(h.config.invitationLifetimeMs + STALE_INVITATION_KEPT_MS - HOUR);
    owner = await loginAs(h, 'owner');
    const fresh = await invite('fresh@example.com');
    assert.equal((await sweepExpired(ctx())).invitations, 1, 'the withdrawn one, a month on');
    h.clock.advance(2 * HOUR);
    assert.equal((await sweepExpired(ctx())).invitations, 1, 'then the lapsed one');
    assert.equal(await h.storage.invitations.findById(h.accountId, lapsed), null);
    assert.ok(await h.storage.invitations.findById(h.accountId, fresh), 'the open one stays');
  });
});
