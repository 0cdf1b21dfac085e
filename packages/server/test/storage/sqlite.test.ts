import { memoryCounterStore } from '../../src/storage/memory-counters.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { describeCounterStore } from '../contracts/counter-store.contract.js';
import { describeSessionStore } from '../contracts/session-store.contract.js';

describeSessionStore('SQLite', async () => {
  const { storage } = await openSqlite(':memory:');
  return { store: storage.sessions, close: () => storage.close() };
});

describeCounterStore('memory', async () => ({
  store: memoryCounterStore(),
  close: async () => {},
}));
