import type { ProcessStats } from '../control.js';

/** What the server processes of one target did between two readings. */
export interface ServerDelta {
  /** CPU time (user + system) summed over the target's processes, in microseconds. */
  cpuUs: number;
  sessionWrites: number;
  /** The largest RSS of any of its processes at the second reading. */
  rssBytes: number;
}

export function serverDelta(
  before: readonly ProcessStats[],
  after: readonly ProcessStats[],
): ServerDelta {
  let cpuUs = 0;
  let sessionWrites = 0;
  let rssBytes = 0;
  after.forEach((a, i) => {
    const b = before[i];
    if (!b) return;
    cpuUs += a.cpuUserUs + a.cpuSystemUs - (b.cpuUserUs + b.cpuSystemUs);
    sessionWrites += a.sessionWrites - b.sessionWrites;
    rssBytes = Math.max(rssBytes, a.rssBytes);
  });
  return { cpuUs, sessionWrites, rssBytes };
}
