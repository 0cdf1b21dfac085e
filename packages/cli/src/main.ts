#!/usr/bin/env node
/** The `proofsheet` executable: runs the CLI on the real process and exits with its code. */
import { run } from './program.js';

const code = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
