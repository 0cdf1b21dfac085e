/**
 * The contract every `JobQueue` keeps (the SQL table and pg-boss): a job runs once it is
 * enqueued, is retried with backoff, runs at most `concurrency` at a time, is enqueued once per
 * singleton key, outlives the process that enqueued it, is run again when its worker vanishes
 * (a real child process killed with SIGKILL), and its final failure is reported.
 *
 * Time is moved, never waited for: `elapse` moves the clock of the table queue, or the
 * timestamps pg-boss keeps in the database. What is waited for is a worker's next poll.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { JobContext, JobQueue } from '../../src/storage/ports/job-queue.js';
import { CONTRACT_SETTINGS, type QueueSpec } from './job-queue-backings.js';

export interface JobQueueBacking {
  spec: QueueSpec;
  /** A queue of its own over the backing, as one more process would have it. */
  open(): Promise<JobQueue>;
  /** The current time of the backing's clock, for the child process to start from. */
  nowMs(): number;
  /** Moves the time every queue of the backing sees by `ms`. */
  elapse(ms: number): Promise<void>;
  /** Long enough for every open queue to poll a few times. */
  pollWindowMs: number;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./job-queue-child.js', import.meta.url));
const { leaseMs, retryDelayMs, maxAttempts } = CONTRACT_SETTINGS;

/** Waits (polling, up to `timeoutMs`) until `check` holds. */
async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/** A promise to hold a handler on, and the function that lets it go. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

export function describeJobQueue(
  name: string,
  make: () => Promise<JobQueueBacking>,
  options: { skip?: string | false } = {},
): void {
  describe(`JobQueue contract: ${name}`, { skip: options.skip ?? false }, () => {
    let backing: JobQueueBacking;
    const opened: JobQueue[] = [];
    /** A queue for one test; all are stopped after the suite. */
    const open = async () => {
      const queue = await backing.open();
      opened.push(queue);
      return queue;
    };
    before(async () => {
      backing = await make();
    });
    after(async () => {
      await Promise.allSettled(opened.map((q) => q.stop(1000)));
      await backing?.close();
    });

    /**
     * Moves time on by `ms` until `check` holds. A queue records a failure after the handler
     * has thrown, so a move made just then may come before it: move again until it shows.
     */
    async function elapseUntil(what: string, ms: number, check: () => boolean): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        await backing.elapse(ms);
        await sleep(backing.pollWindowMs);
        if (check()) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      }
    }

    // Every test uses its own photo ids, so jobs of other tests never answer its checks.
    let nextPhoto = 1_000_000_000;
    const photo = () => ++nextPhoto;

    it('an enqueued job runs with its payload, once, and leaves the queue', async () => {
      const queue = await open();
      const id = photo();
      assert.equal(await queue.enqueue('photo.process', { photoId: id }), true);
      assert.equal((await queue.depth())['photo.process'], 1);
      const seen: JobContext<'photo.process'>[] = [];
      await queue.work('photo.process', async (job) => void seen.push(job), { concurrency: 1 });
      await eventually('the job ran', () => seen.length === 1);
      assert.deepEqual(seen[0]?.payload, { photoId: id });
      assert.equal(seen[0]?.attempt, 1);
      assert.equal(seen[0]?.maxAttempts, maxAttempts);
      await eventually('the queue is empty', async () => !(await queue.depth())['photo.process']);
      await sleep(backing.pollWindowMs);
      assert.equal(seen.length, 1, 'a finished job does not run again');
      await queue.stop();
    });

    it('a job that throws runs again only after its backoff delay, then succeeds', async () => {
      const queue = await open();
      const id = photo();
      const attempts: number[] = [];
      await queue.work(
        'photo.process',
        async (job) => {
          if (job.payload.photoId !== id) return;
          attempts.push(job.attempt);
          if (job.attempt === 1) throw new Error('the blob store is down');
        },
        { concurrency: 1 },
      );
      await queue.enqueue('photo.process', { photoId: id });
      await eventually('the first run', () => attempts.length === 1);
      // The first retry waits at least the base delay (and at most twice that, with jitter).
      await backing.elapse(retryDelayMs / 2);
      await sleep(backing.pollWindowMs);
      assert.deepEqual(attempts, [1], 'not retried before its delay');
      assert.equal((await queue.depth())['photo.process'], 1, 'it waits in the queue');
      await elapseUntil('the retry', 2 * retryDelayMs, () => attempts.length === 2);
      assert.deepEqual(attempts, [1, 2]);
      await eventually('the queue is empty', async () => !(await queue.depth())['photo.process']);
      await queue.stop();
    });

    it('runs at most `concurrency` jobs at a time in a process, and all of them', async () => {
      const queue = await open();
      const ids = Array.from({ length: 5 }, photo);
      const release = gate();
      let running = 0;
      let most = 0;
      const done = new Set<number>();
      for (const id of ids) await queue.enqueue('photo.process', { photoId: id });
      await queue.work(
        'photo.process',
        async (job) => {
          running += 1;
          most = Math.max(most, running);
          await release.wait;
          running -= 1;
          done.add(job.payload.photoId);
        },
        { concurrency: 2 },
      );
      await eventually('two jobs run', () => running === 2);
      await sleep(backing.pollWindowMs);
      assert.equal(running, 2, 'no third job starts while two run');
      release.open();
      await eventually('all five ran', () => ids.every((id) => done.has(id)));
      assert.equal(most, 2);
      await queue.stop();
    });

    it('a singleton key is enqueued once while it waits, and again once it ran', async () => {
      const queue = await open();
      const id = photo();
      const key = `photo:${id}`;
      assert.equal(
        await queue.enqueue('photo.process', { photoId: id }, { singletonKey: key }),
        true,
      );
      assert.equal(
        await queue.enqueue('photo.process', { photoId: id }, { singletonKey: key }),
        false,
      );
      // Another key is another job.
      const other = photo();
      assert.equal(
        await queue.enqueue(
          'photo.process',
          { photoId: other },
          { singletonKey: `photo:${other}` },
        ),
        true,
      );
      const runs: number[] = [];
      await queue.work('photo.process', async (job) => void runs.push(job.payload.photoId), {
        concurrency: 1,
      });
      await eventually('both ran', () => runs.includes(id) && runs.includes(other));
      await sleep(backing.pollWindowMs);
      assert.equal(runs.filter((r) => r === id).length, 1, 'the repeated enqueue added nothing');
      assert.equal(
        await queue.enqueue('photo.process', { photoId: id }, { singletonKey: key }),
        true,
      );
      await eventually('it ran again', () => runs.filter((r) => r === id).length === 2);
      await queue.stop();
    });

    it('a job enqueued before a restart runs in the next process', async () => {
      const first = await open();
      const id = photo();
      await first.enqueue('photo.process', { photoId: id });
      await first.stop();
      const second = await open();
      const runs: number[] = [];
      await second.work('photo.process', async (job) => void runs.push(job.payload.photoId), {
        concurrency: 1,
      });
      await eventually('it ran after the restart', () => runs.includes(id));
      await second.stop();
    });

    it('a job whose worker was killed (SIGKILL) runs again once its lease expires', async () => {
      const id = photo();
      const enqueuer = await open();
      await enqueuer.enqueue('photo.process', { photoId: id });
      await enqueuer.stop();

      const child = spawn(
        process.execPath,
        [CHILD, JSON.stringify({ spec: backing.spec, nowMs: backing.nowMs() })],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await eventually(`the child claimed the job (${output})`, () =>
          output.includes('claimed 1'),
        );
      } finally {
        child.kill('SIGKILL');
        await exited;
      }

      const survivor = await open();
      const runs: JobContext<'photo.process'>[] = [];
      await survivor.work(
        'photo.process',
        async (job) => {
          if (job.payload.photoId === id) runs.push(job);
        },
        { concurrency: 1 },
      );
      await sleep(backing.pollWindowMs);
      assert.equal(runs.length, 0, 'the lease still holds the job');
      await backing.elapse(leaseMs + 1000);
      // pg-boss counts an expired lease as a failure and waits out a retry delay.
      await elapseUntil('the job ran again', 2 * retryDelayMs + 1000, () => runs.length === 1);
      assert.equal(runs[0]?.attempt, 2, "the vanished worker's run counts as an attempt");
      await survivor.stop();
    });

    it('a job that fails on its last attempt is reported once, and leaves the queue', async () => {
      const queue = await open();
      const id = photo();
      const failures: Array<{ job: JobContext<'photo.process'>; error: unknown }> = [];
      queue.onFinalFailure((job, error) => {
        if (job.name === 'photo.process' && (job.payload as { photoId: number }).photoId === id) {
          failures.push({ job: job as JobContext<'photo.process'>, error });
        }
      });
      const attempts: number[] = [];
      await queue.work(
        'photo.process',
        async (job) => {
          if (job.payload.photoId !== id) return;
          attempts.push(job.attempt);
          throw new Error(`broken on attempt ${job.attempt}`);
        },
        { concurrency: 1 },
      );
      await queue.enqueue('photo.process', { photoId: id }, { maxAttempts: 2 });
      await eventually('the first run', () => attempts.length === 1);
      assert.equal(failures.length, 0, 'a failure with attempts left is not final');
      await elapseUntil(
        'the final failure is reported',
        2 * retryDelayMs + 1000,
        () => failures.length === 1,
      );
      assert.deepEqual(attempts, [1, 2]);
      assert.equal(failures[0]?.job.attempt, 2);
      assert.equal(failures[0]?.job.maxAttempts, 2);
      assert.match(String(failures[0]?.error), /broken on attempt 2/);
      await eventually('the queue is empty', async () => !(await queue.depth())['photo.process']);
      await backing.elapse(10 * retryDelayMs);
      await sleep(backing.pollWindowMs);
      assert.deepEqual(attempts, [1, 2], 'a job that failed for good never runs again');
      await queue.stop();
    });
  });
}
