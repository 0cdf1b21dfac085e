import { describeAuditStore } from '../contracts/audit-store.contract.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

describeAuditStore('SQLite', () => openSqliteStorage(':memory:'));
