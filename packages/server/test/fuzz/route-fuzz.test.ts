import assert from 'node:assert/strict';
import { after, describe, it, type TestContext } from 'node:test';
import { composeStorage } from '../../src/storage/compose-storage.js';
import { openPostgres } from '../../src/storage/postgres.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { postgresService, type TestSchema } from '../helpers/services.js';
import { createFuzzWorld, type OpenedStore } from './fuzz-world.js';
import { type FuzzReport, fuzzRoutes, fuzzSettings } from './route-fuzz.js';

const settings = fuzzSettings();
const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

/** Runs the fuzzer over a store and checks that it reached every route. */
async function fuzzStore(t: TestContext, label: string, open: () => Promise<OpenedStore>) {
  const world = await createFuzzWorld(await open(), settings.seed);
  let report: FuzzReport;
  try {
    report = await fuzzRoutes(world, { ...settings, label });
  } finally {
    await world.close();
  }
  t.diagnostic(
    `${label}: seed ${settings.seed}, ${report.requests} requests over ${report.routes.length} routes in ${(report.ms / 1000).toFixed(1)} s`,
  );
  if (process.env.FUZZ_VERBOSE) {
    for (const [name, entry] of report.tally) {
      const statuses = [...entry.statuses].map(([status, n]) => `${status}×${n}`).join(' ');
      t.diagnostic(`${name}: ${entry.sent} sent, ${entry.reached} reached; ${statuses}`);
    }
  }
  const unreached = [...report.tally]
    .filter(([, entry]) => entry.reached === 0)
    .map(([name]) => name);
  assert.deepEqual(
    unreached,
    [],
    'every route got at least one request past routing and the guards',
  );
}

describe('route fuzzing', () => {
  it('SQLite: no request gets a 5xx, a malformed error or a refused write that changed rows', (t) =>
    fuzzStore(t, 'SQLite', async () => {
      const connection = await openSqlite(':memory:');
      return { storage: composeStorage(connection), db: connection.db };
    }));

  it(
    'PostgreSQL: no request gets a 5xx, a malformed error or a refused write that changed rows',
    { skip: postgres.skip },
    (t) =>
      fuzzStore(t, 'PostgreSQL', async () => {
        const schema = await postgres.createSchema();
        schemas.push(schema);
        const connection = await openPostgres(schema.url, { searchPath: schema.schema });
        return { storage: composeStorage(connection), db: connection.db, schema: schema.schema };
      }),
  );
});
