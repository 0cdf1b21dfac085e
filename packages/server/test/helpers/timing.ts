/**
 * Timing comparisons for the no-enumeration rules: two kinds of request (an address that has
 * an account, one that has none) timed in turn, so that a slow moment of the machine falls on
 * both alike, and compared by their medians (robust to the odd garbage collection).
 */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Milliseconds that `work` takes. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The medians of `runs` timings of each kind, after `warm` untimed rounds of each (JIT,
 * statement caches). `known(i)` and `unknown(i)` get the round's index, for fresh inputs.
 */
export async function interleavedMedians(
  known: (i: number) => Promise<unknown>,
  unknown: (i: number) => Promise<unknown>,
  { runs = 30, warm = 5 }: { runs?: number; warm?: number } = {},
): Promise<{ known: number; unknown: number }> {
  for (let i = 0; i < warm; i += 1) {
    await known(runs + i);
    await unknown(runs + i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    a.push(await timed(() => known(i)));
    b.push(await timed(() => unknown(i)));
  }
  return { known: median(a), unknown: median(b) };
}
