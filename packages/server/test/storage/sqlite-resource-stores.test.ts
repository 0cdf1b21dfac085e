import { openSqlite } from '../../src/storage/sqlite.js';
import { describeClientStore } from '../contracts/client-store.contract.js';
import { describeCollectionStores } from '../contracts/collection-store.contract.js';
import type { MakeStorage } from '../contracts/fixtures.js';
import { describeNotificationStore } from '../contracts/notification-store.contract.js';

const sqlite: MakeStorage = async () => (await openSqlite(':memory:')).storage;

describeClientStore('SQLite', sqlite);
describeNotificationStore('SQLite', sqlite);
describeCollectionStores('SQLite', sqlite);
