/**
 * A worker process for the job-queue contract: opens the queue the test names (argv[2], JSON
 * `{spec, nowMs}`), takes one `photo.process` job, prints `claimed <attempt>` and never
 * finishes it. The test kills it with SIGKILL: a worker that vanished holding a lease.
 */
import { manualClock } from '../../src/deps.js';
import { openQueue, type QueueSpec } from './job-queue-backings.js';

const { spec, nowMs } = JSON.parse(process.argv[2] ?? '{}') as { spec: QueueSpec; nowMs: number };
const { queue } = await openQueue(spec, manualClock(new Date(nowMs)), (error) => {
  process.stderr.write(`queue error: ${String(error)}\n`);
});
await queue.work(
  'photo.process',
  async (job) => {
    process.stdout.write(`claimed ${job.attempt}\n`);
    await new Promise(() => {});
  },
  { concurrency: 1 },
);
// The queue's timers do not hold the process open (a server's sockets do): this does.
setInterval(() => {}, 60_000);
process.stdout.write('working\n');
