import { composeStorage } from '../../src/storage/compose-storage.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { describePhotoStore } from '../contracts/photo-store.contract.js';

describePhotoStore('SQLite', async () => {
  const connection = await openSqlite(':memory:');
  return { storage: composeStorage(connection), db: connection.db };
});
