/**
 * Starts libuv's thread pool as `proofsheet-server` runs it (see `src/thread-pool.ts`). Required
 * by `proofsheet-server.cjs` before the server loads, or preloaded with
 * `node --require …/start-thread-pool.cjs` by anything that runs the server in-process (the
 * bench). CommonJS, because loading an ES module would start the pool first.
 */
'use strict';

try {
  const { startThreadPool, threadPoolSettings } = require('../dist/src/thread-pool.js');
  startThreadPool(threadPoolSettings(process.env));
} catch (error) {
  // Node before 20.19 cannot require an ES module: run with libuv's default pool.
  if (error?.code !== 'ERR_REQUIRE_ESM') throw error;
}
