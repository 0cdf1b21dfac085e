import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClientPage } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { addClients } from '../helpers/resources.js';

describe('GET /api/v1/clients/search', () => {
  let h: Harness;
  let owner: Credentials;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
    await addClients(h, 1, () => ({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@analytical.example',
      type: 'lead',
    }));
    await addClients(h, 1, () => ({ firstName: 'Grace', lastName: 'Hopper', company: 'COBOL Co' }));
    await addClients(h, 1, () => ({ firstName: 'Alan', lastName: 'Turing', phone: '555 0199' }));
    await addClients(h, 1, () => ({ firstName: 'Percy', company: '100% Organic' }));
    await addClients(h, 1, () => ({ firstName: 'Under', email: 'under_score@example.com' }));
    await addClients(h, 1, () => ({ firstName: 'Plain', email: 'underXscore@example.com' }));
    await addClients(h, 1, () => ({ firstName: 'Back', company: 'Slash\\Works' }));
    await addClients(h, 30, (i) => ({ firstName: 'Bulk', lastName: `Person ${i}` }));
  });
  after(() => h.close());

  async function search(query: string) {
    const res = await h.studio.inject({
      url: `/api/v1/clients/search?${query}`,
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ClientPage>();
  }
  const names = (page: ClientPage) => page.data.map((c) => c.first_name).sort();

  test('matches first and last names case-insensitively', async () => {
    assert.deepEqual(names(await search('q=LOVELACE')), ['Ada']);
    assert.deepEqual(names(await search('q=grace')), ['Grace']);
  });

  test('matches email, company and phone', async () => {
    assert.deepEqual(names(await search('q=analytical')), ['Ada']);
    assert.deepEqual(names(await search('q=cobol')), ['Grace']);
    assert.deepEqual(names(await search('q=0199')), ['Alan']);
  });

  test('every word of q must match, in any field', async () => {
    assert.deepEqual(names(await search('q=ada%20lovelace')), ['Ada']);
    assert.deepEqual(names(await search('q=ada%20hopper')), []);
  });

  test('% in q matches a percent sign, not any text', async () => {
    assert.deepEqual(names(await search(`q=${encodeURIComponent('100%')}`)), ['Percy']);
    assert.deepEqual(names(await search(`q=${encodeURIComponent('%')}`)), ['Percy']);
  });

  test('_ in q matches an underscore, not any one character', async () => {
    assert.deepEqual(names(await search('q=under_score')), ['Under']);
  });

  test('a backslash in q matches a backslash', async () => {
    assert.deepEqual(names(await search(`q=${encodeURIComponent('slash\\works')}`)), ['Back']);
  });

  test('types narrows the results', async () => {
    assert.deepEqual(names(await search('q=a&types=lead')), ['Ada']);
    assert.equal((await search('q=a&types=all')).meta.total > 1, true);
  });

  test('results are paged with pageSize, as in the docs', async () => {
    const page = await search('q=bulk&pageSize=20&page=2');
    assert.equal(page.data.length, 10);
    assert.equal(page.meta.per_page, 20);
    assert.equal(page.meta.total, 30);
    assert.equal(page.meta.from, 21);
    assert.equal(page.meta.to, 30);
    assert.deepEqual(page.meta.client_statuses, { '1': 'Active', '2': 'Archived' });
  });

  test('per_page is taken in place of pageSize', async () => {
    const page = await search('q=bulk&per_page=7');
    assert.equal(page.data.length, 7);
    assert.equal(page.meta.last_page, 5);
  });

  test('a missing q is a 400 that names q', async () => {
    const res = await h.studio.inject({ url: '/api/v1/clients/search', headers: owner.headers });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<{ code: string }>().code, 'invalid_query');
    assert.deepEqual(res.json<{ details: Record<string, string[]> }>().details, {
      q: ['is required'],
    });
  });
});
