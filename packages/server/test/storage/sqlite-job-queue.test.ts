import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../src/deps.js';
import type { JobQueue } from '../../src/storage/ports/job-queue.js';
import { describeJobQueue } from '../contracts/job-queue.contract.js';
import { openQueue, pollIntervalOf, type QueueSpec } from '../contracts/job-queue-backings.js';

describeJobQueue('SQL table on SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'proofsheet-jobs-'));
  const spec: QueueSpec = { kind: 'sqlite', file: join(dir, 'jobs.db') };
  // One clock for every queue of the backing, as processes on one machine share the time.
  const clock = manualClock();
  const closers: Array<() => Promise<void>> = [];
  return {
    spec,
    async open(): Promise<JobQueue> {
      const { queue, close } = await openQueue(spec, clock);
      closers.push(close);
      return queue;
    },
    nowMs: () => clock.now().getTime(),
    async elapse(ms) {
      clock.advance(ms);
    },
    pollWindowMs: 5 * pollIntervalOf(spec),
    async close() {
      await Promise.allSettled(closers.map((close) => close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
});
