#!/usr/bin/env node
/**
 * The `proofsheet` command. A committed file rather than `dist/src/main.js` itself, so that
 * `npm install` in the repository links the command before anything is built; in the published
 * package `dist/` is always there.
 */
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'proofsheet: the CLI is not built (packages/cli/dist/src/main.js is missing): run `npm run build` at the repository root, then try again\n',
  );
  process.exit(1);
}
await import(main.href);
