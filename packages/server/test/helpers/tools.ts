/**
 * Command-line tools that run the seed's examples against a real server: python3, curl, php,
 * ruby, openssl. A missing tool skips those tests with a one-line reason, except under CI
 * (`CI=true`), where it fails them: CI must never pass by skipping.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Availability } from './services.js';

const exec = promisify(execFile);

/** A tool some tests need, and how to tell that it can do what they need. */
export interface Tool {
  /** What the tests need, as a reader would name it. */
  name: string;
  /** A command that exits 0 only when the tool is there and able. */
  probe: readonly [string, ...string[]];
  /** How to install it on Debian. */
  install: string;
}

export const TOOLS = {
  python: {
    name: 'python3 with the requests module',
    probe: ['python3', '-c', 'import requests'],
    install: 'apt-get install -y python3-requests',
  },
  curl: { name: 'curl', probe: ['curl', '--version'], install: 'apt-get install -y curl' },
  php: {
    name: 'php with the curl extension',
    probe: ['php', '-r', 'exit(function_exists("curl_init") ? 0 : 1);'],
    install: 'apt-get install -y php-cli php-curl',
  },
  ruby: {
    name: 'ruby with net/http and openssl',
    probe: ['ruby', '-e', 'require "net/http"; require "openssl"'],
    install: 'apt-get install -y ruby',
  },
  ffmpeg: {
    name: 'ffmpeg and ffprobe',
    probe: ['sh', '-c', 'ffmpeg -version >/dev/null && ffprobe -version >/dev/null'],
    install: 'apt-get install -y --no-install-recommends ffmpeg',
  },
  openssl: {
    name: 'openssl',
    probe: ['openssl', 'version'],
    install: 'apt-get install -y openssl',
  },
} as const satisfies Record<string, Tool>;

/** `false` when every tool answers its probe, else why to skip; under CI, throws instead. */
export async function toolsSkip(...tools: Tool[]): Promise<Availability> {
  const missing: Tool[] = [];
  for (const tool of tools) {
    const [command, ...args] = tool.probe;
    try {
      await exec(command, args, { timeout: 10_000 });
    } catch {
      missing.push(tool);
    }
  }
  if (missing.length === 0) return false;
  const reason = `${missing.map((t) => t.name).join(' and ')} not installed (${missing.map((t) => t.install).join('; ')})`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
  return `${reason}; set CI=true to fail instead of skipping`;
}

/** Absolute path of a file in `test/fixtures`. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/${name}`, import.meta.url));
}

/**
 * Runs a tool to completion and returns its stdout. Every run has a timeout: the seed's
 * examples retry forever on a 401 that re-authentication does not cure. A failure's message
 * carries the tool's stderr and stdout.
 */
export async function runTool(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<string> {
  try {
    const { stdout } = await exec(command, args, {
      env: { ...process.env, ...env },
      timeout: timeoutMs,
    });
    return stdout;
  } catch (error) {
    const out = error as { stdout?: string; stderr?: string; message?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed: ${out.message ?? String(error)}\n` +
        `stderr: ${out.stderr ?? ''}\nstdout: ${out.stdout ?? ''}`,
      { cause: error },
    );
  }
}

/** The last line of a tool's output, parsed as JSON: the fixtures print their results there. */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
}
