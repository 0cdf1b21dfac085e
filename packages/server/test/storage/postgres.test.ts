import { after } from 'node:test';
import { describeSessionStore } from '../contracts/session-store.contract.js';
import { openPostgresStorage } from '../helpers/open-storage.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

async function freshSchema(): Promise<TestSchema> {
  if (!schemas[0]) schemas.push(await postgres.createSchema());
  return schemas[0] as TestSchema;
}

describeSessionStore(
  'PostgreSQL',
  async () => {
    const { url, schema } = await freshSchema();
    const storage = await openPostgresStorage(url, { searchPath: schema });
    return { store: storage.sessions, close: () => storage.close() };
  },
  { skip: postgres.skip },
);
