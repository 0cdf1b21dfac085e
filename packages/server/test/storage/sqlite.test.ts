import { memoryCounterStore } from '../../src/storage/memory-counters.js';
import { describeCounterStore } from '../contracts/counter-store.contract.js';
import { describeSessionStore } from '../contracts/session-store.contract.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

describeSessionStore('SQLite', async () => {
  const storage = await openSqliteStorage(':memory:');
  return { store: storage.sessions, close: () => storage.close() };
});

describeCounterStore('memory', async () => ({
  store: memoryCounterStore(),
  close: async () => {},
}));
