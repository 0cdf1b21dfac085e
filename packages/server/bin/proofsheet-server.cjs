#!/usr/bin/env node
/** The `proofsheet-server` command: starts libuv's thread pool for argon2, then the server. */
'use strict';

require('./start-thread-pool.cjs');
import('../dist/src/main.js');
