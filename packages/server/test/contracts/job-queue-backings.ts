/**
 * How the job-queue contract opens its queues, here so that the contract's child process (a
 * worker that is killed with SIGKILL) opens them exactly as the test does.
 */
import type { Clock } from '../../src/deps.js';
import { systemRandom } from '../../src/deps.js';
import type { JobQueue } from '../../src/storage/ports/job-queue.js';
import { pgBossQueue } from '../../src/storage/queue/pg-boss-queue.js';
import type { JobQueueOptions } from '../../src/storage/queue/queue-options.js';
import { sqlJobQueue } from '../../src/storage/queue/sql-job-queue.js';
import { openSqlite } from '../../src/storage/sqlite.js';

/** Where a queue's jobs are: a SQLite file, or a pg-boss schema. */
export type QueueSpec =
  | { kind: 'sqlite'; file: string }
  | { kind: 'pg-boss'; url: string; schema: string };

/**
 * The settings of every queue in the contract. Leases and delays are long, and the tests move
 * time past them (the clock, or the database's timestamps), so that real time passing during
 * a test never makes a job due by itself.
 */
export const CONTRACT_SETTINGS = {
  leaseMs: 300_000,
  retryDelayMs: 60_000,
  maxAttempts: 3,
} as const satisfies JobQueueOptions;

/** How often each kind of queue polls in the contract (pg-boss allows 500 ms at least). */
export function pollIntervalOf(spec: QueueSpec): number {
  return spec.kind === 'sqlite' ? 20 : 500;
}

/** A queue over `spec`, with its own connection, as one process would have it. */
export async function openQueue(
  spec: QueueSpec,
  clock: Clock,
  onError: (error: unknown) => void = () => {},
): Promise<{ queue: JobQueue; close(): Promise<void> }> {
  const settings = { ...CONTRACT_SETTINGS, pollIntervalMs: pollIntervalOf(spec), onError };
  if (spec.kind === 'sqlite') {
    const connection = await openSqlite(spec.file);
    const queue = sqlJobQueue(connection.db, { ...settings, clock, random: systemRandom });
    return {
      queue,
      async close() {
        await queue.stop(1000);
        await connection.close();
      },
    };
  }
  const queue = await pgBossQueue({
    connectionString: spec.url,
    schema: spec.schema,
    ...settings,
  });
  return { queue, close: () => queue.stop(1000) };
}
