import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

/** `{"x":{"x":…}}` nested `depth` deep, as raw JSON text. */
function nested(depth: number): string {
  return `${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('nested objects in request bodies', () => {
  let h: Harness;
  let staff: Credentials;
  before(async () => {
    h = await createHarness();
    staff = await loginAs(h, 'assistant');
  });
  after(() => h.close());

  const post = (payload: string, url = '/api/v1/clients/', method: 'POST' | 'PUT' = 'POST') =>
    h.studio.inject({
      method,
      url,
      headers: { ...staff.headers, 'content-type': 'application/json' },
      payload,
    });

  async function clientCount(): Promise<number> {
    const res = await h.studio.inject({
      url: '/api/v1/clients/',
      headers: { cookie: staff.cookie },
    });
    assert.equal(res.statusCode, 200);
    return res.json<{ meta: { total: number } }>().meta.total;
  }

  it('an unknown key inside address_info is a 422 naming it, on POST and PUT', async () => {
    const created = await post(JSON.stringify({ first_name: 'Ada' }));
    assert.equal(created.statusCode, 201);
    const id = created.json<{ data: { id: string } }>().data.id;
    for (const res of [
      await post(JSON.stringify({ first_name: 'Bob', address_info: { city: 'Oslo', x: 1 } })),
      await post(JSON.stringify({ address_info: { x: 1 } }), `/api/v1/clients/${id}`, 'PUT'),
    ]) {
      assert.equal(res.statusCode, 422);
      const body = res.json<{ code: string; details: Record<string, string[]> }>();
      assert.equal(body.code, 'validation_failed');
      assert.deepEqual(body.details['address_info.x'], ['is not a known field']);
    }
    const item = await h.studio.inject({
      url: `/api/v1/clients/${id}`,
      headers: { cookie: staff.cookie },
    });
    assert.equal(
      Object.hasOwn(item.json<{ data: { address_info: object } }>().data.address_info, 'x'),
      false,
    );
  });

  it('a body nested thousands deep is a 400, stores nothing, and the list still answers', async () => {
    const before = await clientCount();
    for (const depth of [33, 200, 5000, 100_000]) {
      const deep = `{"first_name":"Deep","address_info":{"city":"x","extra":${nested(depth)}}}`;
      const res = await post(deep);
      assert.equal(res.statusCode, deep.length > h.config.bodyLimit ? 413 : 400, `${depth}`);
      assert.equal(typeof res.json<{ code: string }>().code, 'string');
    }
    assert.equal(await clientCount(), before);
    const search = await h.studio.inject({
      url: '/api/v1/clients/search?q=Deep',
      headers: { cookie: staff.cookie },
    });
    assert.equal(search.statusCode, 200);
    assert.equal(search.json<{ meta: { total: number } }>().meta.total, 0);
  });

  it('32 levels of nesting still reach validation (the bound is on depth, not on JSON)', async () => {
    const res = await post(`{"first_name":"A","address_info":${nested(31)}}`);
    assert.equal(res.statusCode, 422);
    assert.ok(res.json<{ details: Record<string, string[]> }>().details['address_info.x']);
  });

  it('brackets inside strings do not count as nesting', async () => {
    const res = await post(JSON.stringify({ first_name: 'A', notes: `${'{'.repeat(500)}\\"[` }));
    assert.equal(res.statusCode, 201);
  });
});
