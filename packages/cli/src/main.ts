#!/usr/bin/env node
/** The `proofsheet` executable: runs the CLI on the real process and exits with its code. */
import { dropOutputOnBrokenPipe } from './broken-pipe.js';
import { run } from './program.js';

// The one place a closed reader (`| head -1`) is handled, for every command's output.
dropOutputOnBrokenPipe(process.stdout);
// `2>&1 | head -1` closes stderr too; nothing can be reported there any more.
dropOutputOnBrokenPipe(process.stderr);

const code = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
