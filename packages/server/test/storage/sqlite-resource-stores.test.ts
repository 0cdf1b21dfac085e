import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openSqlite } from '../../src/storage/sqlite.js';
import { describeClientStore } from '../contracts/client-store.contract.js';
import { describeCollectionStores } from '../contracts/collection-store.contract.js';
import type { MakeStorage } from '../contracts/fixtures.js';
import { describeNotificationStore } from '../contracts/notification-store.contract.js';
import { describeSharedClientLists } from '../contracts/shared-client-lists.contract.js';

const sqlite: MakeStorage = async () => (await openSqlite(':memory:')).storage;

describeClientStore('SQLite', sqlite);
describeNotificationStore('SQLite', sqlite);
describeCollectionStores('SQLite', sqlite);

const dir = mkdtempSync(join(tmpdir(), 'proofsheet-shared-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// Two connections to one file, neither exclusive: as beside another writer (a second process).
describeSharedClientLists('SQLite', async () => {
  const file = join(dir, 'shared.db');
  const first = await openSqlite(file, { exclusive: false });
  const second = await openSqlite(file, { exclusive: false });
  return [first.storage, second.storage];
});
