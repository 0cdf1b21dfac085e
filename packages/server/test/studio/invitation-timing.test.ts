/**
 * No enumeration through invitations: inviting an address that has an account in another
 * studio answers as inviting one that has none, field for field but the address and ids, and
 * in the same time (medians), so an owner learns nothing about other studios.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { assertSameMedians } from '../helpers/medians.js';

const RUNS = 30;

describe('inviting takes the same answer and time whether the address has an account', () => {
  let h: Harness;
  let owner: Credentials;
  const elsewhere: string[] = [];
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
    const other = await h.addStudio('Another Studio');
    // Fresh addresses for every round: a second invite of one address renews, a different path.
    for (let i = 0; i < RUNS + 5; i += 1) {
      const email = `member-${i}@elsewhere.example.com`;
      await h.storage.users.create({
        ...h.users.assistant,
        id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
        accountId: other.accountId,
        email,
      });
      elsewhere.push(email);
    }
  });
  after(() => h.close());

  async function invite(email: string) {
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: owner.headers,
      payload: { email, role: 'assistant' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res;
  }

  it('the same answer but for the address and ids', async () => {
    const shape = (body: { data: Record<string, unknown> }) => {
      const { id: _id, email: _email, ...rest } = body.data;
      return rest;
    };
    await h.storage.users.create({
      ...h.users.assistant,
      id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
      accountId: (await h.addStudio('Third')).accountId,
      email: 'known@elsewhere.example.com',
    });
    const a = (await invite('known@elsewhere.example.com')).json();
    const b = (await invite('unknown@nowhere.example.com')).json();
    assert.deepEqual(Object.keys(a.data), Object.keys(b.data));
    assert.deepEqual(shape(a), shape(b));
  });

  it(`medians of ${RUNS} invitations each are within a factor of 3`, () =>
    assertSameMedians(
      RUNS,
      (i) => invite(elsewhere[i] ?? ''),
      (i) => invite(`new-${i}@nowhere.example.com`),
    ));
});
