import { after } from 'node:test';
import { describeStudioIsolation } from '../contracts/studio-isolation.contract.js';
import { openPostgresStorage, openSqliteStorage } from '../helpers/open-storage.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

describeStudioIsolation('SQLite', () => openSqliteStorage(':memory:'));
describeStudioIsolation(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    return openPostgresStorage(schema.url, { searchPath: schema.schema });
  },
  { skip: postgres.skip },
);
