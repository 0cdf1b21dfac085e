/** Spawns the built CLI with node (asynchronously: the servers run in this process). */
import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/** What every run gets: the PATH, and responses checked against the protocol's schemas. */
const TEST_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  PROOFSHEET_VALIDATE_RESPONSES: '1',
};

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI to its end. `stdin` is written to a pipe that is then closed (so no `stdin`
 * means an immediately closed pipe); `null` gives the CLI `/dev/null`, as `</dev/null` does.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string | null,
): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...TEST_ENV, ...env },
    stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(stdin ?? '');
  return collect(child);
}

/** Starts the CLI with stdin on `/dev/null`, for a test that reads its stdout itself. */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [CLI, ...args], {
    env: { ...TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits for the CLI to exit, with what it printed on the streams nobody else reads. */
export function collect(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
