import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type {
  EnqueueOptions,
  JobContext,
  JobFailureListener,
  JobName,
  JobPayloads,
  JobQueue,
  WorkOptions,
} from '../ports/job-queue.js';
import {
  type JobQueueOptions,
  normalizeJobQueueOptions,
  type ResolvedJobQueueOptions,
} from './queue-options.js';

export interface PgBossQueueOptions extends JobQueueOptions {
  connectionString: string;
  /** The PostgreSQL schema pg-boss keeps its tables in. @default "pgboss" */
  schema?: string;
  /** Told about errors no caller waits on (pg-boss's `error` event). */
  onError?: (error: unknown) => void;
  /** How often pg-boss expires lapsed leases and archives old jobs. @default 60 */
  maintenanceIntervalSeconds?: number;
}

/** The pg-boss queue, plus what its contract test needs to run without waiting on timers. */
export interface PgBossJobQueue extends JobQueue {
  /** Runs pg-boss's maintenance now (expiring lapsed leases), rather than at its next interval. */
  maintain(): Promise<void>;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The job queue on pg-boss, for several instances sharing one PostgreSQL: pg-boss claims with
 * `FOR UPDATE SKIP LOCKED`, expires the lease of a vanished worker (`expireInSeconds`) and
 * retries with backoff. Its times are the database's clock, not the injected one.
 *
 * Each job name is a pg-boss queue of the `short` policy: at most one job per singleton key in
 * the `created` state, which is the port's "waits for its first run". A job without a key gets
 * a unique one, since the policy would otherwise keep one keyless job alone.
 */
export async function pgBossQueue(options: PgBossQueueOptions): Promise<PgBossJobQueue> {
  const settings: ResolvedJobQueueOptions = normalizeJobQueueOptions(options);
  const reportError = (error: unknown) => options.onError?.(error);
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? 'pgboss',
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Nothing here is scheduled; the clock monitor would only add queries.
    schedule: false,
  });
  boss.on('error', reportError);
  await boss.start();

  const listeners: JobFailureListener[] = [];
  const queues = new Map<string, Promise<void>>();
  const workers = new Map<string, string[]>();

  function ensureQueue(name: JobName): Promise<void> {
    let created = queues.get(name);
    if (!created) {
      created = boss.createQueue(name, {
        name,
        policy: 'short',
        retryLimit: settings.maxAttempts - 1,
        retryDelay: Math.ceil(settings.retryDelayMs / 1000),
        retryBackoff: true,
        expireInSeconds: seconds(settings.leaseMs),
      });
      // A failed creation is tried again by the next caller.
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  }

  function notifyFailure(job: JobContext<JobName>, error: unknown): void {
    for (const listener of listeners) {
      try {
        listener(job, error);
      } catch (thrown) {
        reportError(thrown);
      }
    }
  }

  return {
    async enqueue<N extends JobName>(
      name: N,
      payload: JobPayloads[N],
      enqueue: EnqueueOptions = {},
    ): Promise<boolean> {
      await ensureQueue(name);
      const maxAttempts = enqueue.maxAttempts ?? settings.maxAttempts;
      const id = await boss.send(name, payload, {
        singletonKey: enqueue.singletonKey ?? randomUUID(),
        retryLimit: maxAttempts - 1,
      });
      // Our own idle workers need not wait for their next poll.
      for (const worker of workers.get(name) ?? []) boss.notifyWorker(worker);
      return id !== null;
    },

    async work<N extends JobName>(
      name: N,
      handler: (job: JobContext<N>) => Promise<void>,
      work: WorkOptions,
    ): Promise<void> {
      if (!Number.isSafeInteger(work.concurrency) || work.concurrency < 1) {
        throw new RangeError(
          `concurrency must be a whole number of at least 1 (got ${work.concurrency})`,
        );
      }
      await ensureQueue(name);
      const ids: string[] = [];
      // pg-boss 10 runs one batch per worker at a time: `concurrency` workers of one job each.
      for (let i = 0; i < work.concurrency; i++) {
        const id = await boss.work<JobPayloads[N]>(
          name,
          {
            batchSize: 1,
            includeMetadata: true,
            pollingIntervalSeconds: Math.max(0.5, settings.pollIntervalMs / 1000),
          },
          async ([job]) => {
            if (!job) return;
            const context: JobContext<N> = {
              id: job.id,
              name,
              payload: job.data,
              attempt: job.retryCount + 1,
              maxAttempts: job.retryLimit + 1,
            };
            try {
              await handler(context);
            } catch (error) {
              if (job.retryCount >= job.retryLimit) {
                notifyFailure(context as JobContext<JobName>, error);
              }
              throw error;
            }
          },
        );
        ids.push(id);
      }
      workers.set(name, ids);
    },

    onFinalFailure(listener) {
      listeners.push(listener);
    },

    async depth() {
      const out: Record<string, number> = {};
      for (const queue of await boss.getQueues()) {
        out[queue.name] = await boss.getQueueSize(queue.name, { before: 'completed' });
      }
      return out;
    },

    async stop(timeoutMs = 10_000) {
      // Graceful: waits for the handlers running; pg-boss fails those still running at the end,
      // which makes them retries that another instance (or a restart) runs.
      await boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
    },

    async maintain() {
      await boss.maintain();
    },
  };
}
