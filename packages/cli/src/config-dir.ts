/**
 * The CLI's files, in `$XDG_CONFIG_HOME/proofsheet` (default `~/.config/proofsheet`), a 0700
 * directory: `hosts.json` (base URLs and who is logged in) and `cookies.json` (the session
 * cookies, optionally encrypted with `PROOFSHEET_COOKIE_KEY`), both 0600. No password is
 * stored: the auth token renews the session for 30 days; then `proofsheet login` again.
 */
import { chmod, mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FileCookieJar, readIfExists, writeFileAtomic } from '@proofsheet/client';

/** What `hosts.json` holds. */
export interface HostsFile {
  studioUrl?: string;
  galleryUrl?: string;
  email?: string;
  loggedInAt?: string;
}

/** Paths of the CLI's files. */
export interface ConfigPaths {
  dir: string;
  hosts: string;
  cookies: string;
}

/** Resolves the directory from the environment. */
export function configPaths(env: NodeJS.ProcessEnv): ConfigPaths {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== ''
      ? env.XDG_CONFIG_HOME
      : join(homedir(), '.config');
  const dir = join(base, 'proofsheet');
  return { dir, hosts: join(dir, 'hosts.json'), cookies: join(dir, 'cookies.json') };
}

export async function ensureDir(paths: ConfigPaths): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone: tighten it.
  await chmod(paths.dir, 0o700);
}

export async function readHosts(paths: ConfigPaths): Promise<HostsFile> {
  const text = await readIfExists(paths.hosts);
  if (text === null) return {};
  try {
    return JSON.parse(text) as HostsFile;
  } catch {
    return {};
  }
}

export async function writeHosts(paths: ConfigPaths, hosts: HostsFile): Promise<void> {
  await ensureDir(paths);
  await writeFileAtomic(paths.hosts, `${JSON.stringify(hosts, null, 2)}\n`);
}

export function cookieJar(paths: ConfigPaths, env: NodeJS.ProcessEnv): FileCookieJar {
  return new FileCookieJar({
    path: paths.cookies,
    encryptionKey: env.PROOFSHEET_COOKIE_KEY ?? null,
  });
}

/** Forgets the session locally (after logout, or when the server cannot be reached). */
export async function removeSessionFiles(paths: ConfigPaths): Promise<void> {
  await rm(paths.cookies, { force: true });
}
