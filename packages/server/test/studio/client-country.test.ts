import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countryName } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';

describe('address_info.country from country_id', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  const write = (method: 'POST' | 'PUT', url: string, payload: object) =>
    h.studio.inject({ method, url, headers: owner.headers, payload });
  type Address = { country: string | null; country_id: number | null; city: string | null };

  test('the IDs of the reference docs name their countries', () => {
    assert.equal(countryName(223), 'United States');
    assert.equal(countryName(222), 'United Kingdom');
    assert.equal(countryName(38), 'Canada');
    assert.equal(countryName(153), 'New Zealand');
    assert.equal(countryName(0), null);
    assert.equal(countryName(240), null);
  });

  test('a country_id without a country names it, on create and on update', async () => {
    const created = await write('POST', '/api/v1/clients/', {
      first_name: 'Ada',
      address_info: { country_id: 223, city: 'Boston' },
    });
    assert.equal(created.statusCode, 201);
    const { id, address_info } = created.json<{ data: { id: string; address_info: Address } }>()
      .data;
    assert.deepEqual([address_info.country, address_info.country_id], ['United States', 223]);
    const moved = await write('PUT', `/api/v1/clients/${id}`, { address_info: { country_id: 38 } });
    const after = moved.json<{ data: { address_info: Address } }>().data.address_info;
    assert.deepEqual([after.country, after.country_id, after.city], ['Canada', 38, 'Boston']);
  });

  test('a country given beside its ID is kept as written; an unknown ID is a 422', async () => {
    const res = await write('POST', '/api/v1/clients/', {
      first_name: 'Bo',
      address_info: { country_id: 223, country: 'USA' },
    });
    assert.equal(res.json<{ data: { address_info: Address } }>().data.address_info.country, 'USA');
    const unknown = await write('POST', '/api/v1/clients/', {
      first_name: 'Cy',
      address_info: { country_id: 999 },
    });
    assert.equal(unknown.statusCode, 422);
    assert.ok(
      unknown.json<{ details: Record<string, string[]> }>().details['address_info.country_id'],
    );
  });
});
