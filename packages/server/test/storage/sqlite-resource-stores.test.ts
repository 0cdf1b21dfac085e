import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { composeStorage } from '../../src/storage/compose-storage.js';
import { openSqlite } from '../../src/storage/sqlite.js';
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
import { openSqliteStorage } from '../helpers/open-storage.js';

const sqlite: MakeStorage = () => openSqliteStorage(':memory:');

describeClientStore('SQLite', sqlite);
describeNotificationStore('SQLite', sqlite);
describeCollectionStores('SQLite', sqlite);
describeFavoriteStore('SQLite', sqlite);
describeCommentStore('SQLite', sqlite);
describeDownloadStore('SQLite', sqlite);
describeMailStores('SQLite', sqlite);
describeTwoFactorStore('SQLite', sqlite);
describeShareLinkStores('SQLite', async () => {
  const connection = await openSqlite(':memory:');
  return { storage: composeStorage(connection), db: connection.db };
});

const dir = mkdtempSync(join(tmpdir(), 'proofsheet-shared-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// Two connections to one file, neither exclusive: as beside another writer (a second process).
describeSharedClientLists('SQLite', async () => {
  const file = join(dir, 'shared.db');
  return [await openSqliteStorage(file), await openSqliteStorage(file)];
});
