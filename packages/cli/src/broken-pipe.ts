/**
 * `proofsheet … | head -1`: once the reader of stdout has gone, writing fails with EPIPE. Node
 * ignores SIGPIPE, so that error arrives as an `'error'` event, and without a listener it was
 * thrown with a stack trace (exit 1). The reader left because it had what it wanted, which is
 * no failure of the command: drop the rest of the output and let the command finish with its
 * own exit code. Not 141 (death by SIGPIPE, as C tools do): under `set -o pipefail` that would
 * fail every `proofsheet clients list | head -1`, and a real error keeps its own code this way.
 */

/** Makes EPIPE on `stream` drop further output instead of crashing; other errors still throw. */
export function dropOutputOnBrokenPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // The stream is destroyed now: later writes fail quietly, with no second 'error'.
  });
}
