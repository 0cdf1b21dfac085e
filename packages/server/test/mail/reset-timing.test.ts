import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';

const RUNS = 30;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('password reset requests take the same time whether the account exists', () => {
  let h: Harness;
  before(async () => {
    // Limits out of the way: this measures the work, not the throttle.
    h = await createHarness({ passwordResetMaxIp: 10_000, passwordResetMaxAccount: 10_000 });
  });
  after(() => h.close());

  async function timed(email: string, i: number): Promise<number> {
    const start = process.hrtime.bigint();
    const response = await h.studio.inject({
      method: 'POST',
      url: '/forgot-password',
      payload: { email },
      remoteAddress: `198.51.100.${i % 250}`,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.equal(response.statusCode, 202);
    return ms;
  }

  it(`medians of ${RUNS} requests each are within a factor of 3`, async () => {
    // Warm up both paths (JIT, statement caches).
    for (let i = 0; i < 5; i += 1) {
      await timed(h.users.owner.email, i);
      await timed(`warm-${i}@example.com`, i);
    }
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so that a slow moment of the machine falls on both alike.
    for (let i = 0; i < RUNS; i += 1) {
      known.push(await timed(h.users.owner.email, i));
      unknown.push(await timed(`nobody-${i}@example.com`, i));
    }
    const [k, u] = [median(known), median(unknown)];
    assert.ok(
      k < 3 * u && u < 3 * k,
      `medians: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`,
    );
  });
});
