import { createHash } from 'node:crypto';
import type { Random } from '../../src/deps.js';

/**
 * Randomness that a seed decides: SHA-256 of the seed and a counter. The fuzzer's requests name
 * rows by position among live IDs, so the server's IDs must come out the same on every replay.
 */
export function seededRandom(seed: number): Random {
  let counter = 0;
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let filled = 0; filled < n; ) {
        const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
        const take = block.subarray(0, n - filled);
        out.set(take, filled);
        filled += take.length;
      }
      return out;
    },
  };
}
