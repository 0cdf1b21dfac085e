/**
 * What other packages may use of the server: building the two APIs in-process (the client's
 * socket tests and the benchmarks do), the test studio, the configuration, the injected
 * dependencies, and the stores and password hashing the benchmarks measure directly.
 * `main.ts` is the program; this is the library. Everything else is internal.
 */
export {
  /** Which API an app serves: `'studio'` or `'gallery'`. */
  type ApiKind,
  /** What {@link buildApp} needs: the API, config, storage, clock, randomness and services. */
  type BuildAppOptions,
  /** Builds one API as a Fastify instance; reads no environment and does not listen. */
  buildApp,
  /** Builds the services both APIs of one process share (sessions, passwords, throttle). */
  createServices,
  /** The services from {@link createServices}; pass the same to both APIs of a process. */
  type SharedServices,
} from './app.js';
export {
  /** Runs at most N hashes at once and queues a bounded number more; beyond that, 503. */
  HashPool,
} from './auth/hash-pool.js';
export {
  /** Password hashing (argon2id, OWASP's minimum) through a {@link HashPool}. */
  PasswordHasher,
} from './auth/password.js';
export {
  /** The server's resolved, frozen configuration. */
  type Config,
  /** Parses the environment into a {@link Config}, reporting every problem at once. */
  parseConfig,
  /** A {@link Config} for tests and benchmarks: the defaults with the given overrides. */
  testConfig,
} from './config/config.js';
export {
  /** The current time, injected: `{ now(): Date }`. */
  type Clock,
  /** A {@link Clock} that moves only when told to, for tests of expiry. */
  type ManualClock,
  /** Makes a {@link ManualClock}. */
  manualClock,
  /** Randomness, injected: `{ bytes(n) }`. */
  type Random,
  /** The real clock. */
  systemClock,
  /** Randomness from `node:crypto`. */
  systemRandom,
} from './deps.js';
export {
  /** Renders one stored photo's sizes and marks it ready (or failed): what a photo job runs. */
  processStoredPhoto,
} from './gallery/photos/processing.js';
export {
  /** Runs this process's photo workers on the storage's job queue, as `proofsheet-server` does. */
  startPhotoWorkers,
} from './gallery/photos/worker.js';
export type {
  /** One response an app sent: API, method, route pattern, status, content type and body. */
  ObservedResponse,
  /** Called with every response of an app built with `observe` (tests check them). */
  ResponseObserver,
} from './http/response-observer.js';
export {
  /** Whether storage is exclusive, and the Redis connection that holds sessions and counters. */
  type ComposeStorageOptions,
  /** Wires every store over an opened database (and Redis): the one composer of stores. */
  composeStorage,
  /** A Redis client and key prefix for {@link composeStorage}'s sessions and counters. */
  type RedisBacking,
} from './storage/compose-storage.js';
export {
  /** Picks the blob store from the configuration: S3 when a bucket is set, else files under the data directory. */
  createBlobStore,
} from './storage/create-blob-store.js';
export {
  /** Where {@link createStorage} puts Redis keys and PostgreSQL tables, and whom it tells of errors. */
  type CreateStorageOptions,
  /** Opens the storage the configuration names: SQLite, PostgreSQL, and Redis over either. */
  createStorage,
} from './storage/create-storage.js';
export type {
  /** A studio account (the tenant every other record belongs to). */
  AccountRecord,
} from './storage/ports/account-store.js';
export {
  /** The content was refused (wrong SHA-256, over `maxBytes`) and nothing was kept. */
  BlobRefusedError,
  /** Content-addressed, immutable blobs: put, head, get (with ranges), delete and health. */
  type BlobStore,
  /** Whether an error is a {@link BlobRefusedError}. */
  isBlobRefused,
} from './storage/ports/blob-store.js';
export type {
  /** A page query of a {@link ClientStore}: account, types, search, offset and limit. */
  ClientQuery,
  /** A client (or lead) of a studio, as stored. */
  ClientRecord,
  /** Clients: create (one or many), find, list a page (with search), update and delete. */
  ClientStore,
} from './storage/ports/client-store.js';
export type {
  /** A login (session) as stored: hashes of its id and auth token, and its expiries. */
  LoginRecord,
  /** Sessions: create, find, touch, rotate and delete. */
  SessionStore,
} from './storage/ports/session-store.js';
export type {
  /** Every store of one backend, with its capabilities, health check and close. */
  Storage,
} from './storage/ports/storage.js';
export type {
  /** A user of a studio, with role and password hash, as stored. */
  UserRecord,
} from './storage/ports/user-store.js';
export {
  /** Connects to PostgreSQL and migrates it: a {@link SqlConnection} with its pool. */
  openPostgres,
  /** What {@link openPostgres} returns: a {@link SqlConnection} with its `pg` pool. */
  type PostgresConnection,
  /** Pool settings for {@link openPostgres} and {@link postgresPool}. */
  type PostgresOptions,
  /** A `pg` pool whose every wait is bounded, as the server makes them. */
  postgresPool,
} from './storage/postgres.js';
export {
  /** Quits a Redis connection politely, or drops it if Redis does not answer. */
  closeRedis,
  /** Connects to Redis as the server does: bounded waits, no offline queue. */
  connectRedis,
  /** Timeouts and error listener for {@link connectRedis}. */
  type RedisConnectOptions,
} from './storage/redis/redis-client.js';
export {
  /** The SQL client store over a Kysely instance or transaction (SQLite or PostgreSQL). */
  sqlClientStore,
} from './storage/sql/clients.js';
export {
  /** The SQL session store over a Kysely instance or transaction (SQLite or PostgreSQL). */
  sqlSessionStore,
} from './storage/sql/sessions.js';
export type {
  /** An opened, migrated database: Kysely, name, ping and close; {@link composeStorage} wires it. */
  SqlConnection,
} from './storage/sql-connection.js';
export {
  /** Opens (creating if needed) and migrates a SQLite database; `:memory:` for a private one. */
  openSqlite,
} from './storage/sqlite.js';
export {
  /** A client record as the API shows it (`GET /api/v1/clients/`). */
  toClient,
} from './studio/clients/view.js';
export {
  /** Both APIs in-process on a private database with a manual clock, and three users. */
  createTestStudio,
  /** The password of every user a test studio creates. */
  TEST_PASSWORD,
  /** A running test studio: both apps, storage, clock, users, `listen()` and `close()`. */
  type TestStudio,
  /** Another storage (PostgreSQL, say) instead of SQLite `:memory:`; an observer of responses. */
  type TestStudioOptions,
} from './testing.js';
