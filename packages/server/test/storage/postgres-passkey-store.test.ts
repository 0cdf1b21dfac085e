import { after } from 'node:test';
import { describePasskeyStore } from '../contracts/passkey-store.contract.js';
import { openPostgresStorage } from '../helpers/open-storage.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

describePasskeyStore(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    return openPostgresStorage(schema.url, { searchPath: schema.schema });
  },
  { skip: postgres.skip },
);
