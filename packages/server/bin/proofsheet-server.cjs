#!/usr/bin/env node
/** The `proofsheet-server` command: starts libuv's thread pool for argon2, then the server. */
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

// In the repository `npm install` links this command before anything is built.
if (!existsSync(join(__dirname, '..', 'dist', 'src', 'main.js'))) {
  process.stderr.write(
    'proofsheet-server: the server is not built (packages/server/dist/src/main.js is missing): run `npm run build` at the repository root, then try again\n',
  );
  process.exit(1);
}
require('./start-thread-pool.cjs');
import('../dist/src/main.js');
