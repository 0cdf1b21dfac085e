/**
 * Packs the workspace packages as `npm publish` would and installs the tarballs together into a
 * scratch project, the way a user installs them, without the network or a compiler.
 *
 * A plain `npm install` of the tarballs would fetch about 130 third-party packages (the npm
 * cache holds their tarballs but not the registry metadata a lockfile-less install needs) and
 * compile better-sqlite3 from source: minutes, and the network. Instead the scratch project's
 * `node_modules` starts with one symlink per third-party dependency the packages declare, to the
 * copy the repository already installed (native modules built). npm keeps a present package
 * that satisfies the range, so `npm install --offline` adds only the four tarballs, resolves
 * their dependencies on each other and links their commands. The scratch project lives in the
 * OS temporary directory, outside the repository: the tarballs see no package but those links
 * and each other, so an import of an undeclared dependency fails here as it would for a user.
 * The third-party versions are the repository's (its lockfile's), not a fresh resolution.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The repository root, from `packages/server/dist/test/packaging/`. */
export const REPO = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));

/** The published packages, in dependency order. */
export const PACKAGES = ['protocol', 'server', 'client', 'cli'] as const;
export type PackageDir = (typeof PACKAGES)[number];

export interface Manifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
}

/** One entry of `npm pack --json`. */
export interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string; size: number }>;
  entryCount: number;
  size: number;
  unpackedSize: number;
}

export function manifestOf(dir: PackageDir): Manifest {
  return JSON.parse(readFileSync(join(REPO, 'packages', dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * The environment of a nested npm: without the `npm_*` variables of an `npm test` around us,
 * which would carry its configuration (prefix, workspace) into the scratch project, and
 * without the repository's `node_modules/.bin` that `npm test` puts on PATH, where npx would
 * otherwise find the workspace's commands instead of the installed ones.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !`${resolve(dir)}${sep}`.startsWith(`${REPO}${sep}`))
    .join(delimiter);
  return env;
}

/** Runs a command in `cwd` with {@link cleanEnv}; resolves with its stdout. */
export async function run(cwd: string, command: string, args: readonly string[]) {
  const { stdout } = await exec(command, [...args], {
    cwd,
    env: cleanEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Packs every package into `destination`; what npm reports, in {@link PACKAGES} order. */
export async function packAll(destination: string): Promise<PackResult[]> {
  const workspaces = PACKAGES.flatMap((p) => ['-w', `packages/${p}`]);
  const json = await run(REPO, 'npm', [
    'pack',
    '--json',
    '--ignore-scripts',
    '--pack-destination',
    destination,
    ...workspaces,
  ]);
  return JSON.parse(json) as PackResult[];
}

/** Where Node would find `name` from `fromDir`, within the repository. */
function installedDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === REPO || dir === dirname(dir)) return null;
  }
}

/** Third-party dependency → the repository's installed copy, over every package. */
export function thirdPartyDependencies(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of PACKAGES) {
    const packageDir = join(REPO, 'packages', dir);
    for (const name of Object.keys(manifestOf(dir).dependencies ?? {})) {
      if (name.startsWith('@proofsheet/')) continue;
      const at = installedDir(name, packageDir);
      if (!at)
        throw new Error(
          `${name} (a dependency of packages/${dir}) is not installed: run npm install`,
        );
      const before = found.get(name);
      if (before && before !== at) {
        throw new Error(
          `${name} is installed twice (${before}, ${at}): one copy cannot serve both`,
        );
      }
      found.set(name, at);
    }
  }
  return found;
}

/**
 * Makes a project in `dir` whose `node_modules` links the third-party dependencies, then
 * installs the tarballs into it with npm, offline.
 */
export async function installTarballs(dir: string, tarballs: readonly string[]): Promise<void> {
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'proofsheet-install-check', private: true, type: 'module' })}\n`,
  );
  for (const [name, target] of thirdPartyDependencies()) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  await run(dir, 'npm', [
    'install',
    '--offline',
    '--no-package-lock',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    ...tarballs,
  ]);
}
