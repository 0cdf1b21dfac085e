import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';
import { assertSameMedians } from '../helpers/medians.js';

const RUNS = 30;

describe('password reset requests take the same time whether the account exists', () => {
  let h: Harness;
  before(async () => {
    // Limits out of the way: this measures the work, not the throttle.
    h = await createHarness({ passwordResetMaxIp: 10_000, passwordResetMaxAccount: 10_000 });
  });
  after(() => h.close());

  async function request(email: string, i: number): Promise<void> {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email },
      remoteAddress: `198.51.100.${i % 250}`,
    });
    assert.equal(response.statusCode, 202);
  }

  it(`medians of ${RUNS} requests each are within a factor of 3`, () =>
    assertSameMedians(
      RUNS,
      (i) => request(h.users.owner.email, i),
      (i) => request(`nobody-${i}@example.com`, i),
    ));
});
