import { after } from 'node:test';
import { composeStorage } from '../../src/storage/compose-storage.js';
import { openPostgres } from '../../src/storage/postgres.js';
import { describeClientStore } from '../contracts/client-store.contract.js';
import { describeCollectionStores } from '../contracts/collection-store.contract.js';
import { describeCommentStore } from '../contracts/comment-store.contract.js';
import { describeDownloadStore } from '../contracts/download-store.contract.js';
import { describeFavoriteStore } from '../contracts/favorite-store.contract.js';
import type { MakeStorage } from '../contracts/fixtures.js';
import { describeMailStores } from '../contracts/mail-stores.contract.js';
import { describeNotificationStore } from '../contracts/notification-store.contract.js';
import { describeShareLinkStores } from '../contracts/share-link-store.contract.js';
import { describeSharedClientLists } from '../contracts/shared-client-lists.contract.js';
import { describeTwoFactorStore } from '../contracts/two-factor-store.contract.js';
import { openPostgresStorage } from '../helpers/open-storage.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

/** Each suite gets a schema of its own, migrated from scratch. */
const pgStorage: MakeStorage = async () => {
  const schema = await postgres.createSchema();
  schemas.push(schema);
  return openPostgresStorage(schema.url, { searchPath: schema.schema });
};

const options = { skip: postgres.skip };
describeClientStore('PostgreSQL', pgStorage, options);
describeNotificationStore('PostgreSQL', pgStorage, options);
describeCollectionStores('PostgreSQL', pgStorage, options);
describeFavoriteStore('PostgreSQL', pgStorage, options);
describeCommentStore('PostgreSQL', pgStorage, options);
describeDownloadStore('PostgreSQL', pgStorage, options);
describeMailStores('PostgreSQL', pgStorage, options);
describeTwoFactorStore('PostgreSQL', pgStorage, options);
describeShareLinkStores(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    const connection = await openPostgres(schema.url, { searchPath: schema.schema });
    return { storage: composeStorage(connection), db: connection.db };
  },
  options,
);
describeSharedClientLists(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    const open = () => openPostgresStorage(schema.url, { searchPath: schema.schema });
    return [await open(), await open()];
  },
  options,
);
