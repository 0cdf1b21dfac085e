import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';
import { interleavedMedians } from '../helpers/timing.js';

const RUNS = 30;

describe('password reset requests take the same time whether the account exists', () => {
  let h: Harness;
  before(async () => {
    // Limits out of the way: this measures the work, not the throttle.
    h = await createHarness({ passwordResetMaxIp: 10_000, passwordResetMaxAccount: 10_000 });
  });
  after(() => h.close());

  async function ask(email: string, i: number): Promise<void> {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email },
      remoteAddress: `198.51.100.${i % 250}`,
    });
    assert.equal(response.statusCode, 202);
  }

  it(`medians of ${RUNS} requests each are within a factor of 3`, async () => {
    const { known: k, unknown: u } = await interleavedMedians(
      (i) => ask(h.users.owner.email, i),
      (i) => ask(`nobody-${i}@example.com`, i),
      { runs: RUNS },
    );
    assert.ok(
      k < 3 * u && u < 3 * k,
      `medians: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`,
    );
  });
});
