import type { Kysely } from 'kysely';
import type { Clock, Random } from '../../deps.js';
import type {
  EnqueueOptions,
  JobContext,
  JobFailureListener,
  JobName,
  JobPayloads,
  JobQueue,
  WorkOptions,
} from '../ports/job-queue.js';
import { isUniqueViolation } from '../sql/errors.js';
import type { Database, JobsTable } from '../sql/schema.js';
import {
  type JobQueueOptions,
  normalizeJobQueueOptions,
  type ResolvedJobQueueOptions,
  retryDelay,
} from './queue-options.js';
import { WorkerPool } from './worker-pool.js';

export interface SqlJobQueueOptions extends JobQueueOptions {
  clock: Clock;
  random: Random;
  /** Told about errors no caller waits on (a poll that failed in an outage). */
  onError?: (error: unknown) => void;
}

/** The longest error text kept on a job row. */
const MAX_ERROR_TEXT = 2000;

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_TEXT);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The row a claim took, fenced by the attempt it started. */
interface Claimed {
  id: string;
  name: JobName;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
}

/**
 * The job queue as a table in the server's SQL database (`jobs`, migration `0005_jobs`), on
 * SQLite or PostgreSQL. Several processes may work one table: a claim is a compare-and-set on
 * the row's state and attempt count, so exactly one claimer wins, and every later write by the
 * worker is fenced by the same pair, so a worker whose lease ran out cannot touch a job that
 * another has since claimed. Times come from the injected clock: tests move it to expire
 * leases and backoff delays.
 */
export function sqlJobQueue(db: Kysely<Database>, options: SqlJobQueueOptions): JobQueue {
  const settings: ResolvedJobQueueOptions = normalizeJobQueueOptions(options);
  const { clock, random } = options;
  const owner = hex(random.bytes(8));
  const listeners: JobFailureListener[] = [];
  const pools = new Map<JobName, WorkerPool<Claimed>>();
  let stopped = false;

  const now = () => clock.now().getTime();
  const reportError = (error: unknown) => options.onError?.(error);

  function notifyFailure(job: Claimed, error: unknown): void {
    const context = { ...job, payload: job.payload } as JobContext<JobName>;
    for (const listener of listeners) {
      try {
        listener(context, error);
      } catch (thrown) {
        reportError(thrown);
      }
    }
  }

  /** Fences a write to the claim `job` made: it still runs, at the attempt it started. */
  function fenced(job: Claimed) {
    return db
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('state', '=', 'running')
      .where('attempts', '=', job.attempt);
  }

  /** Takes up to `limit` due jobs of `name`; fails for good those whose last lease ran out. */
  async function claim(name: JobName, limit: number): Promise<Claimed[]> {
    const at = now();
    const rows = await db
      .selectFrom('jobs')
      .select(['id', 'payload', 'state', 'attempts', 'max_attempts'])
      .where('name', '=', name)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', at)]),
          eb.and([eb('state', '=', 'running'), eb('lease_until', '<=', at)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    const claimed: Claimed[] = [];
    for (const row of rows) {
      const attempts = Number(row.attempts);
      const job: Claimed = {
        id: row.id,
        name,
        payload: JSON.parse(row.payload) as unknown,
        attempt: attempts,
        maxAttempts: Number(row.max_attempts),
      };
      if (row.state === 'running' && attempts >= job.maxAttempts) {
        // The worker of the last attempt vanished: the job has no attempt left to give it.
        const error = new Error(`The worker of attempt ${attempts} stopped without finishing`);
        const result = await fenced(job)
          .set({
            state: 'failed',
            lease_until: null,
            lease_owner: null,
            last_error: errorText(error),
            updated_at: at,
          })
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) notifyFailure(job, error);
        continue;
      }
      const result = await db
        .updateTable('jobs')
        .set({
          state: 'running',
          attempts: attempts + 1,
          lease_until: at + settings.leaseMs,
          lease_owner: owner,
          updated_at: at,
        })
        .where('id', '=', row.id)
        .where('state', '=', row.state)
        .where('attempts', '=', attempts)
        .executeTakeFirst();
      // Another process claimed it between the read and this write: theirs.
      if (Number(result.numUpdatedRows) === 1) claimed.push({ ...job, attempt: attempts + 1 });
    }
    return claimed;
  }

  async function settle(job: Claimed, error: unknown | undefined): Promise<void> {
    const at = now();
    if (error === undefined) {
      await db
        .deleteFrom('jobs')
        .where('id', '=', job.id)
        .where('state', '=', 'running')
        .where('attempts', '=', job.attempt)
        .execute();
      return;
    }
    const final = job.attempt >= job.maxAttempts;
    const changes: Partial<JobsTable> = final
      ? { state: 'failed' }
      : {
          state: 'queued',
          run_at: at + retryDelay(job.attempt, settings.retryDelayMs, random),
        };
    const result = await fenced(job)
      .set({
        ...changes,
        lease_until: null,
        lease_owner: null,
        last_error: errorText(error),
        updated_at: at,
      })
      .executeTakeFirst();
    if (final && Number(result.numUpdatedRows) === 1) notifyFailure(job, error);
  }

  /** Runs one claimed job, renewing its lease meanwhile. */
  async function run(job: Claimed, handler: (job: JobContext<JobName>) => Promise<void>) {
    const renew = setInterval(
      () => {
        fenced(job)
          .set({ lease_until: now() + settings.leaseMs, updated_at: now() })
          .execute()
          .catch(reportError);
      },
      Math.max(1000, Math.floor(settings.leaseMs / 3)),
    );
    renew.unref();
    let failure: unknown;
    try {
      await handler({ ...job, payload: job.payload } as JobContext<JobName>);
    } catch (error) {
      failure = error ?? new Error('The job failed without an error');
    } finally {
      clearInterval(renew);
    }
    await settle(job, failure);
  }

  return {
    async enqueue<N extends JobName>(
      name: N,
      payload: JobPayloads[N],
      enqueue: EnqueueOptions = {},
    ): Promise<boolean> {
      const at = now();
      const maxAttempts = enqueue.maxAttempts ?? settings.maxAttempts;
      if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
        throw new RangeError(
          `maxAttempts must be a whole number of at least 1 (got ${maxAttempts})`,
        );
      }
      try {
        await db
          .insertInto('jobs')
          .values({
            id: hex(random.bytes(12)),
            name,
            payload: JSON.stringify(payload),
            state: 'queued',
            singleton_key: enqueue.singletonKey ?? null,
            attempts: 0,
            max_attempts: maxAttempts,
            run_at: at,
            lease_until: null,
            lease_owner: null,
            last_error: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      } catch (error) {
        // The partial unique index: a job with this key already waits for its first run.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
      pools.get(name)?.wake();
      return true;
    },

    async work<N extends JobName>(
      name: N,
      handler: (job: JobContext<N>) => Promise<void>,
      work: WorkOptions,
    ): Promise<void> {
      if (stopped) throw new Error('The job queue is stopped');
      if (pools.has(name)) throw new Error(`Jobs "${name}" already have workers in this process`);
      const pool = new WorkerPool({
        concurrency: work.concurrency,
        pollIntervalMs: settings.pollIntervalMs,
        claim: (limit) => claim(name, limit),
        run: (job) => run(job, handler as (job: JobContext<JobName>) => Promise<void>),
        onError: reportError,
      });
      pools.set(name, pool);
      pool.start();
    },

    onFinalFailure(listener) {
      listeners.push(listener);
    },

    async depth() {
      const rows = await db
        .selectFrom('jobs')
        .select(['name', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', 'in', ['queued', 'running'])
        .groupBy('name')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
    },

    async stop(timeoutMs = 10_000) {
      stopped = true;
      await Promise.all([...pools.values()].map((pool) => pool.stop(timeoutMs)));
    },
  };
}
