import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEventsPage, type AuditEventType, newId } from '@proofsheet/protocol';
import { Value } from '@sinclair/typebox/value';
import type { AuditEventRecord } from '../../src/storage/ports/audit-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const T = (iso: string) => new Date(iso);

describe('GET /api/v1/audit_events', () => {
  let h: Harness;
  let owner: Credentials;
  /** The events seeded, oldest first. */
  const seeded: AuditEventRecord[] = [];

  function seed(type: AuditEventType, userId: string | null, at: string, accountId?: string) {
    const e: AuditEventRecord = {
      id: newId('auditEvent', bytes),
      accountId: accountId ?? h.accountId,
      type,
      userId,
      actorId: null,
      ip: '198.51.100.4',
      userAgent: 'Seeded/1.0',
      detail: type === 'sign_in.failed' ? { reason: 'wrong_password', method: 'password' } : {},
      createdAt: T(at),
    };
    seeded.push(e);
    return h.storage.auditEvents.record(e);
  }

  function get(query: string, who = owner) {
    return h.studio.inject({
      url: `/api/v1/audit_events${query}`,
      headers: { cookie: who.cookie },
    });
  }

  before(async () => {
    h = await createHarness();
    // Signing in records an event at the clock's time (2026-01-15): the seeds are all later.
    owner = await loginAs(h, 'owner');
    await seed('sign_in.failed', h.users.assistant.id, '2026-02-01T10:00:00Z');
    await seed('sign_in.succeeded', h.users.assistant.id, '2026-02-01T10:01:00Z');
    await seed('password.changed', h.users.owner.id, '2026-02-02T09:00:00Z');
    await seed('sign_in.throttled', h.users.gallery_client.id, '2026-02-03T08:00:00Z');
    await seed('sign_out', h.users.owner.id, '2026-02-04T07:00:00Z');
    // Another studio's event, later than all: never listed here.
    await seed('sign_in.failed', null, '2026-02-05T00:00:00Z', newId('account', bytes));
  });
  after(() => h.close());

  it("lists the studio's events newest first, paged, to owners, with their users", async () => {
    const response = await get('?per_page=2');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.json() as AuditEventsPage;
    assert.ok(Value.Check(AuditEventsPage, body), 'the body fits the schema');
    assert.deepEqual(
      body.data.map((e) => e.type),
      ['sign_out', 'sign_in.throttled'],
    );
    assert.deepEqual(body.data[1], {
      id: seeded[3]?.id,
      type: 'sign_in.throttled',
      created_at: '2026-02-03T08:00:00.000Z',
      user: { id: h.users.gallery_client.id, email: h.users.gallery_client.email },
      ip: '198.51.100.4',
      user_agent: 'Seeded/1.0',
      detail: {},
    });
    // Five seeded here, and the owner's own sign-in.
    assert.equal(body.meta.total, 6);
    assert.equal(body.meta.links.next, '/api/v1/audit_events?per_page=2&page=2');
    const last = await get('?per_page=2&page=3');
    const oldest = (last.json() as AuditEventsPage).data;
    assert.deepEqual(
      oldest.map((e) => [e.type, e.user?.id]),
      [
        ['sign_in.failed', h.users.assistant.id],
        ['sign_in.succeeded', h.users.owner.id],
      ],
    );
    assert.equal(oldest[1]?.detail.method, 'password');
    assert.match(oldest[1]?.detail.login_id ?? '', /^lg_/);
  });

  it('filters by one type, a comma list of types, a user and a time window', async () => {
    const types = async (query: string) => {
      const response = await get(query);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as AuditEventsPage).data.map((e) => e.type);
    };
    assert.deepEqual(await types('?type=sign_in.failed'), ['sign_in.failed']);
    assert.deepEqual(await types('?type=sign_in.failed,sign_in.throttled'), [
      'sign_in.throttled',
      'sign_in.failed',
    ]);
    assert.deepEqual(await types(`?user_id=${h.users.owner.id}`), [
      'sign_out',
      'password.changed',
      'sign_in.succeeded',
    ]);
    assert.deepEqual(
      await types('?since=2026-02-01T10:01:00Z&until=2026-02-03T08:00:00Z'),
      ['password.changed', 'sign_in.succeeded'],
      'since inclusive, until exclusive',
    );
    assert.deepEqual(
      await types(
        `?type=sign_in.succeeded&user_id=${h.users.assistant.id}&since=2026-02-01T00:00:00%2B01:00`,
      ),
      ['sign_in.succeeded'],
    );
    const response = await get('?type=sign_in.failed&per_page=1');
    const meta = (response.json() as AuditEventsPage).meta;
    assert.equal(meta.total, 1, "another studio's failure is not counted");
    assert.equal(meta.links.first, '/api/v1/audit_events?type=sign_in.failed&per_page=1&page=1');
  });

  it('an unknown type, a malformed or impossible time and a window run backwards are 400s', async () => {
    const cases: Array<[string, string]> = [
      ['?type=sign_in.exploded', 'type'],
      ['?type=sign_in.failed,', 'type'],
      ['?since=yesterday', 'since'],
      ['?until=2026-02-30T00:00:00Z', 'until'],
      ['?since=2026-02-03T00:00:00Z&until=2026-02-01T00:00:00Z', 'until'],
      ['?user_id=cl_notauser', 'user_id'],
      ['?actor=me', 'actor'],
    ];
    for (const [query, param] of cases) {
      const response = await get(query);
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      const body = response.json() as { code: string; error: string; details?: object };
      assert.equal(body.code, 'invalid_query', query);
      assert.equal(body.error, 'Bad Request');
      assert.ok(body.details && param in body.details, `${query} names ${param}: ${response.body}`);
    }
  });

  it('is for owners: an assistant gets 403, no session 401, the Gallery API has no such route', async () => {
    const assistant = await loginAs(h, 'assistant');
    const refused = await get('', assistant);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<{ code: string }>().code, 'forbidden');
    const anonymous = await h.studio.inject({ url: '/api/v1/audit_events' });
    assert.equal(anonymous.statusCode, 401);
    const client = await loginAs(h, 'gallery_client');
    const gallery = await h.gallery.inject({
      url: '/api/v1/audit_events',
      headers: { cookie: client.cookie },
    });
    assert.equal(gallery.statusCode, 404);
  });
});
