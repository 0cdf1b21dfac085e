/** `@proofsheet/cli` as a library: build or run the `proofsheet` program with injected I/O. */

export { type Context, type GlobalOptions, type Io, makeContext } from './context.js';
export { CliError, EXIT } from './exit-codes.js';
export { buildProgram, run } from './program.js';
