/**
 * No enumeration by sign-up: an address that has an account gets the same body, in the same
 * time, as one that has none (the job that tells them apart runs after the answer).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';
import { assertSameMedians } from '../helpers/medians.js';

const RUNS = 30;

describe('sign-up requests answer alike whether a user has the address', () => {
  let h: Harness;
  const bodies = { known: new Set<string>(), unknown: new Set<string>() };
  before(async () => {
    // Limits out of the way: this measures the work, not the throttle.
    h = await createHarness({
      signUp: 'open',
      passwordResetMaxIp: 10_000,
      passwordResetMaxAccount: 10_000,
    });
  });
  after(() => h.close());

  async function request(kind: 'known' | 'unknown', email: string, i: number): Promise<void> {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email, studio_name: 'Timing Studio', first_name: 'Tim', last_name: '' },
      remoteAddress: `198.51.100.${i % 250}`,
    });
    assert.equal(response.statusCode, 202);
    bodies[kind].add(response.body);
  }

  it(`medians of ${RUNS} requests each are within a factor of 3, with identical bodies`, async () => {
    await assertSameMedians(
      RUNS,
      (i) => request('known', h.users.owner.email, i),
      (i) => request('unknown', `nobody-${i}@example.com`, i),
    );
    assert.equal(bodies.known.size, 1);
    assert.deepEqual([...bodies.known], [...bodies.unknown]);
  });
});
