import { sql } from 'kysely';
import type { Config } from '../config/config.js';
import type { Clock, Random } from '../deps.js';
import type { JobQueue } from './ports/job-queue.js';
import { pgBossQueue } from './queue/pg-boss-queue.js';
import type { JobQueueOptions } from './queue/queue-options.js';
import { sqlJobQueue } from './queue/sql-job-queue.js';
import type { SqlConnection } from './sql-connection.js';

export interface CreateJobQueueOptions {
  clock: Clock;
  random: Random;
  onError?: (error: unknown) => void;
}

/** The queue settings the configuration gives. */
export function jobQueueOptions(
  config: Pick<Config, 'jobLeaseMs' | 'jobPollIntervalMs' | 'jobRetryDelayMs' | 'jobMaxAttempts'>,
): JobQueueOptions {
  return {
    leaseMs: config.jobLeaseMs,
    pollIntervalMs: config.jobPollIntervalMs,
    retryDelayMs: config.jobRetryDelayMs,
    maxAttempts: config.jobMaxAttempts,
  };
}

/**
 * The one place that picks the job queue from the configuration: pg-boss when `DATABASE_URL`
 * is set (instances share the database, and pg-boss is made for several workers on one), else
 * the `jobs` table of the SQLite database. pg-boss keeps its tables in the schema the server's
 * own tables are in (`public`, or a test's schema): dropped together, never left behind.
 */
export async function createJobQueue(
  config: Config,
  connection: SqlConnection,
  options: CreateJobQueueOptions,
): Promise<{ queue: JobQueue; description: string }> {
  const settings = jobQueueOptions(config);
  if (config.databaseUrl) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      connection.db,
    );
    const schema = rows[0]?.schema ?? 'public';
    const queue = await pgBossQueue({
      connectionString: config.databaseUrl,
      schema,
      ...settings,
      ...(options.onError ? { onError: options.onError } : {}),
    });
    return { queue, description: `jobs in pg-boss (schema ${schema})` };
  }
  return {
    queue: sqlJobQueue(connection.db, { ...settings, ...options }),
    description: 'jobs in the database',
  };
}
