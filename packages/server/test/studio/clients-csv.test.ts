import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('GET /api/v1/clients/download_csv', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
    const post = (payload: object) =>
      h.studio.inject({ method: 'POST', url: '/api/v1/clients/', headers: owner.headers, payload });
    for (let i = 0; i < 130; i++)
      assert.equal((await post({ first_name: `C${i}` })).statusCode, 201);
    await post({
      first_name: '=HYPERLINK("http://evil.test")',
      type: 'lead',
      notes: 'a, "quoted"\nline',
    });
  });
  after(() => h.close());

  test('the list meta points at it, on this server', async () => {
    const res = await h.studio.inject({ url: '/api/v1/clients/', headers: owner.headers });
    const csvUrl = res.json<{ meta: { csv_url: string } }>().meta.csv_url;
    assert.equal(new URL(csvUrl).pathname, '/api/v1/clients/download_csv');
    assert.equal(csvUrl, 'http://localhost:80/api/v1/clients/download_csv');
  });

  test('holds every client across batches, with a header row, quoted and formula-safe', async () => {
    const res = await h.studio.inject({
      url: '/api/v1/clients/download_csv',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="clients.csv"/);
    const text = res.body.replace(/^\uFEFF/, '');
    assert.ok(text.startsWith('id,type,status_name,first_name,last_name,email'));
    const ids = text.match(/^cl_[A-Za-z0-9]{30}/gm) ?? [];
    assert.equal(ids.length, 131);
    assert.equal(new Set(ids).size, 131);
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.test"")"`), 'a formula is escaped');
    assert.ok(text.includes('"a, ""quoted""\nline"'), 'commas, quotes and newlines are quoted');
  });

  test('types narrows it; gallery clients and unknown parameters are refused', async () => {
    const leads = await h.studio.inject({
      url: '/api/v1/clients/download_csv?types=lead',
      headers: owner.headers,
    });
    assert.equal((leads.body.match(/^cl_/gm) ?? []).length, 1);
    const client = await loginAs(h, 'gallery_client');
    const refused = await h.studio.inject({
      url: '/api/v1/clients/download_csv',
      headers: client.headers,
    });
    assert.equal(refused.statusCode, 403);
    const unknown = await h.studio.inject({
      url: '/api/v1/clients/download_csv?format=xlsx',
      headers: owner.headers,
    });
    assert.equal(unknown.statusCode, 400);
  });
});
