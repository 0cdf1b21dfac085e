/**
 * What other packages may use of the server: building the two APIs in-process (the client's
 * socket tests and the benchmarks do), the test configuration and the injected dependencies.
 * `main.ts` is the program; this is the library.
 */
export {
  type ApiKind,
  type BuildAppOptions,
  buildApp,
  createServices,
  type SharedServices,
} from './app.js';
export { type Config, parseConfig, testConfig } from './config/config.js';
export {
  type Clock,
  type ManualClock,
  manualClock,
  type Random,
  systemClock,
  systemRandom,
} from './deps.js';
export type { LoginRecord, SessionStore, Storage, UserRecord } from './storage/ports.js';
export { openSqlite } from './storage/sqlite.js';
export { createTestStudio, TEST_PASSWORD, type TestStudio } from './testing.js';
