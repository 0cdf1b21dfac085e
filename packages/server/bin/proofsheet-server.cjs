#!/usr/bin/env node
/**
 * The `proofsheet-server` command: sizes libuv's thread pool (see `threadPoolSize`), then runs
 * the server. It is CommonJS because libuv reads UV_THREADPOOL_SIZE once, when the pool
 * starts, and loading an ES module entry point already starts it; `require` of the (ESM)
 * helper below reads files synchronously, so the pool is still unstarted when the variable is
 * set.
 */
'use strict';

try {
  const { threadPoolSize } = require('../dist/src/thread-pool.js');
  process.env.UV_THREADPOOL_SIZE = threadPoolSize(process.env);
} catch (error) {
  // Node before 20.19 cannot require an ES module: run with libuv's default pool.
  if (error?.code !== 'ERR_REQUIRE_ESM') throw error;
}
import('../dist/src/main.js');
