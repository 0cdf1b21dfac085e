import { after } from 'node:test';
import { composeStorage } from '../../src/storage/compose-storage.js';
import { openPostgres } from '../../src/storage/postgres.js';
import { describePhotoStore } from '../contracts/photo-store.contract.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

describePhotoStore(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    const connection = await openPostgres(schema.url, { searchPath: schema.schema });
    return { storage: composeStorage(connection), db: connection.db };
  },
  { skip: postgres.skip },
);
