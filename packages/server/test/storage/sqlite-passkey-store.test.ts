import { describePasskeyStore } from '../contracts/passkey-store.contract.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

describePasskeyStore('SQLite', () => openSqliteStorage(':memory:'));
