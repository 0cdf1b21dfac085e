import pg from 'pg';
import { systemClock } from '../../src/deps.js';
import type { JobQueue } from '../../src/storage/ports/job-queue.js';
import { pgBossQueue } from '../../src/storage/queue/pg-boss-queue.js';
import { describeJobQueue } from '../contracts/job-queue.contract.js';
import {
  CONTRACT_SETTINGS,
  openQueue,
  pollIntervalOf,
  type QueueSpec,
} from '../contracts/job-queue-backings.js';
import { postgresService } from '../helpers/services.js';

const postgres = await postgresService();

describeJobQueue(
  'pg-boss on PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    const spec: QueueSpec = { kind: 'pg-boss', url: schema.url, schema: schema.schema };
    // pg-boss keeps time in the database: moving it means moving its timestamps back, then
    // running the maintenance that expires lapsed leases.
    const maintainer = await pgBossQueue({
      connectionString: schema.url,
      schema: schema.schema,
      ...CONTRACT_SETTINGS,
    });
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    const closers: Array<() => Promise<void>> = [];
    return {
      spec,
      async open(): Promise<JobQueue> {
        const { queue, close } = await openQueue(spec, systemClock);
        closers.push(close);
        return queue;
      },
      nowMs: () => Date.now(),
      async elapse(ms) {
        await client.query(
          `update ${schema.schema}.job
             set start_after = start_after - $1 * interval '1 millisecond',
                 started_on = started_on - $1 * interval '1 millisecond',
                 created_on = created_on - $1 * interval '1 millisecond'`,
          [ms],
        );
        await maintainer.maintain();
      },
      pollWindowMs: 3 * pollIntervalOf(spec),
      async close() {
        await Promise.allSettled(closers.map((close) => close()));
        await maintainer.stop(1000);
        await client.end();
        await schema.drop();
      },
    };
  },
  { skip: postgres.skip },
);
