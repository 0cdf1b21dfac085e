/**
 * A real S3-protocol server for the S3 blob store tests: s3rver in a child process on loopback,
 * over a temporary directory. When it cannot start, the tests skip with a one-line reason,
 * except under CI (`CI=true`), where they fail: CI must never pass by skipping.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Availability } from './services.js';

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** s3rver's fixed credentials. */
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export type S3Service = { skip: false; server: S3Server } | { skip: string; server: null };

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 's3rver-main.js');

async function start(bucket: string): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'proofsheet-s3rver-'));
  const child = spawn(process.execPath, [SCRIPT, directory, bucket], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('s3rver did not start within 10s')), 10_000);
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`s3rver exited with ${code}: ${firstError(stderr)}`)),
      );
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      });
    });
    return {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The line of a crash's stderr that says what went wrong (not Node's version footer). */
function firstError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  return lines.find((line) => /Error\b/.test(line)) ?? lines.find((line) => line !== '') ?? '';
}

/** Starts s3rver with `bucket`; `skip` says why not (or, under CI, this throws). */
export async function s3Service(bucket: string): Promise<S3Service> {
  try {
    return { skip: false, server: await start(bucket) };
  } catch (error) {
    const reason = `s3rver could not be started (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.CI === 'true') {
      throw new Error(`${reason}; CI=true requires it`);
    }
    const skip: Availability = `${reason}; set CI=true to fail instead of skipping`;
    return { skip, server: null };
  }
}
