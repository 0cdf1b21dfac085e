/**
 * Timing comparisons for enumeration tests: whether an answer takes as long for an address
 * that has an account as for one that has none, judged by medians of interleaved runs.
 */
import assert from 'node:assert/strict';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** How long `run` takes, in milliseconds. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Times `known(i)` and `unknown(i)` `runs` times each, interleaved (a slow moment of the
 * machine falls on both alike) after a few warm-up runs of both (JIT, statement caches), and
 * asserts their medians are within a factor of 3 of each other. Warm-up runs get the indices
 * after the timed ones (`runs` to `runs + 4`), so that each index is run once.
 */
export async function assertSameMedians(
  runs: number,
  known: (i: number) => Promise<unknown>,
  unknown: (i: number) => Promise<unknown>,
): Promise<void> {
  for (let i = runs; i < runs + 5; i += 1) {
    await known(i);
    await unknown(i);
  }
  const k: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    k.push(await timed(() => known(i)));
    u.push(await timed(() => unknown(i)));
  }
  const [mk, mu] = [median(k), median(u)];
  assert.ok(
    mk < 3 * mu && mu < 3 * mk,
    `medians: known ${mk.toFixed(2)} ms, unknown ${mu.toFixed(2)} ms`,
  );
}
