/** Runs the real `proofsheet-server` entry point as a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `proofsheet-server` command as installed: the launcher that then loads `src/main.js`. */
export const MAIN = fileURLToPath(new URL('../../../bin/proofsheet-server.cjs', import.meta.url));

export interface RunningServer {
  child: ChildProcess;
  output: () => string;
  studioUrl: string;
  galleryUrl: string;
  stop(): Promise<number | null>;
}

/** Starts the server and waits for it to print its base URLs. `env` adds to `baseEnv`. */
export function startServer(
  env: Record<string, string>,
  timeoutMs = 30_000,
  baseEnv: NodeJS.ProcessEnv = process.env,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...baseEnv,
      PROOFSHEET_STUDIO_PORT: '0',
      PROOFSHEET_GALLERY_PORT: '0',
      PROOFSHEET_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const studio = /Studio API:\s+(\S+)/.exec(out)?.[1];
      const gallery = /Gallery API:\s+(\S+)/.exec(out)?.[1];
      if (studio && gallery && out.includes('Storage:')) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        // Let the demo-credentials block, printed in the same write, arrive.
        setTimeout(
          () =>
            resolve({
              child,
              output: () => out,
              studioUrl: studio,
              galleryUrl: gallery,
              stop: () =>
                new Promise((done) => {
                  if (child.exitCode !== null) return done(child.exitCode);
                  child.once('exit', (code) => done(code));
                  child.kill('SIGTERM');
                }),
            }),
          50,
        );
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}
