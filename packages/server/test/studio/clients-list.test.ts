import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClientPage } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { addClients } from '../helpers/resources.js';

describe('GET /api/v1/clients/', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
    // 30 contacts, oldest first: every third a lead, every fifth (not a lead) "other".
    await addClients(h, 30, (i) => ({
      firstName: `Client ${i}`,
      type: i % 3 === 0 ? 'lead' : i % 5 === 0 ? 'other' : 'client',
    }));
  });
  after(() => h.close());

  async function list(query: string) {
    const res = await h.studio.inject({ url: `/api/v1/clients/${query}`, headers: owner.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ClientPage>();
  }

  test('a page carries the meta of the docs: current_page, from, to, last_page, total, links', async () => {
    const page = await list('?page=2&per_page=10');
    assert.equal(page.data.length, 10);
    assert.deepEqual(page.meta, {
      current_page: 2,
      from: 11,
      last_page: 3,
      per_page: 10,
      to: 20,
      total: 30,
      total_pages: 3,
      links: {
        first: '/api/v1/clients/?per_page=10&page=1',
        prev: '/api/v1/clients/?per_page=10&page=1',
        next: '/api/v1/clients/?per_page=10&page=3',
        last: '/api/v1/clients/?per_page=10&page=3',
      },
      client_statuses: { '1': 'Active', '2': 'Archived' },
      csv_url: 'http://localhost:80/api/v1/clients/download_csv',
    });
  });

  test('page_size, limit and offset are the documented aliases', async () => {
    const byPerPage = await list('?page=2&per_page=7');
    for (const query of ['?page=2&page_size=7', '?limit=7&offset=7']) {
      const page = await list(query);
      assert.deepEqual(page.data, byPerPage.data, query);
      assert.equal(page.meta.current_page, 2, query);
    }
    const offset = await list('?limit=7&offset=7');
    assert.equal(offset.meta.links.next, '/api/v1/clients/?limit=7&offset=14');
  });

  test('contradicting or unknown parameters are a 400 naming them', async () => {
    for (const [query, field] of [
      ['?per_page=5&page_size=6', 'page_size'],
      ['?page=2&offset=10', 'offset'],
      ['?sort=name', 'sort'],
    ] as const) {
      const res = await h.studio.inject({
        url: `/api/v1/clients/${query}`,
        headers: owner.headers,
      });
      assert.equal(res.statusCode, 400, query);
      const body = res.json<{ code: string; details: Record<string, string[]> }>();
      assert.equal(body.code, 'invalid_query', query);
      assert.ok(body.details[field], `${query} names ${field}: ${res.body}`);
    }
  });

  test('the last page holds the remainder', async () => {
    const page = await list('?page=3&per_page=12');
    assert.equal(page.data.length, 6);
    assert.equal(page.meta.from, 25);
    assert.equal(page.meta.to, 30);
    assert.equal(page.meta.last_page, 3);
  });

  test('a page beyond the last is empty, with null from and to', async () => {
    const page = await list('?page=9&per_page=12');
    assert.deepEqual(page.data, []);
    assert.equal(page.meta.current_page, 9);
    assert.equal(page.meta.from, null);
    assert.equal(page.meta.to, null);
    assert.equal(page.meta.total, 30);
    assert.equal(page.meta.last_page, 3);
  });

  test('clients are listed newest first, and pages neither skip nor repeat', async () => {
    const first = await list('?per_page=7');
    const rest = [2, 3, 4, 5].map((p) => list(`?per_page=7&page=${p}`));
    const names = [first, ...(await Promise.all(rest))].flatMap((p) =>
      p.data.map((c) => c.first_name),
    );
    assert.deepEqual(
      names,
      Array.from({ length: 30 }, (_, i) => `Client ${29 - i}`),
    );
  });

  test('per_page defaults to 25', async () => {
    const page = await list('');
    assert.equal(page.data.length, 25);
    assert.equal(page.meta.per_page, 25);
  });

  test('per_page above 100 is a 400 that names per_page', async () => {
    const res = await h.studio.inject({
      url: '/api/v1/clients/?per_page=101',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json<{ details: Record<string, string[]> }>().details.per_page);
  });

  test('the path answers the same without the trailing slash', async () => {
    const res = await h.studio.inject({
      url: '/api/v1/clients?per_page=5',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200);
    const bare = res.json<ClientPage>();
    const slashed = await list('?per_page=5');
    assert.deepEqual(bare.data, slashed.data);
    assert.deepEqual({ ...bare.meta, links: null }, { ...slashed.meta, links: null });
    assert.equal(bare.meta.links.first, '/api/v1/clients?per_page=5&page=1');
  });

  test('types=client,lead leaves out other contacts', async () => {
    const page = await list('?types=client,lead&per_page=100');
    assert.equal(page.meta.total, 26);
    assert.ok(page.data.every((c) => c.type === 'client' || c.type === 'lead'));
  });

  test('types=lead lists only leads', async () => {
    const page = await list('?types=lead&per_page=100');
    assert.equal(page.meta.total, 10);
    assert.ok(page.data.every((c) => c.type === 'lead' && c.type_formatted === 'Lead'));
  });

  test('types=all lists every type', async () => {
    const page = await list('?types=all');
    assert.equal(page.meta.total, 30);
  });

  test('an unknown type is a 400 that names types', async () => {
    const res = await h.studio.inject({
      url: '/api/v1/clients/?types=client,vip',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json<{ details: Record<string, string[]> }>().details.types);
  });
});
