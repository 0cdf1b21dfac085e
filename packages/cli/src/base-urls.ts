/**
 * Which server the CLI talks to, per API: the flag, else the environment variable, else the
 * hosts of the last login (`hosts.json`). There is no default host: a self-hoster who forgot
 * the URL would otherwise send a password to a third party's server.
 */
import type { HostsFile } from './config-dir.js';
import { CliError, EXIT } from './exit-codes.js';

/** Where each API's base URL may come from, and its name in messages. */
const SOURCES = {
  studio: { label: 'Studio API', flag: '--studio-url', env: 'PROOFSHEET_STUDIO_URL' },
  gallery: { label: 'Gallery API', flag: '--gallery-url', env: 'PROOFSHEET_GALLERY_URL' },
} as const;

/** Both base URLs, before the client validates their form. */
export interface BaseUrls {
  studioUrl: string;
  galleryUrl: string;
}

/**
 * Picks both base URLs, or throws a usage error naming every missing one with its flag and
 * environment variable. An empty value counts as missing (`PROOFSHEET_STUDIO_URL=`).
 */
export function resolveBaseUrls(
  flags: { studioUrl?: string | undefined; galleryUrl?: string | undefined },
  env: NodeJS.ProcessEnv,
  hosts: HostsFile,
): BaseUrls {
  const studioUrl = firstSet(flags.studioUrl, env[SOURCES.studio.env], hosts.studioUrl);
  const galleryUrl = firstSet(flags.galleryUrl, env[SOURCES.gallery.env], hosts.galleryUrl);
  if (studioUrl !== null && galleryUrl !== null) return { studioUrl, galleryUrl };
  const missing = [
    studioUrl === null ? SOURCES.studio : null,
    galleryUrl === null ? SOURCES.gallery : null,
  ].filter((s) => s !== null);
  const list = (pick: (s: (typeof missing)[number]) => string) => missing.map(pick).join(' and ');
  throw new CliError(
    `${list((s) => `no ${s.label} URL`)} given: pass ${list((s) => `${s.flag} <url>`)}, or set ` +
      `${list((s) => s.env)} (there is no default host; after a login, later commands reuse its hosts)`,
    EXIT.usage,
  );
}

function firstSet(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return null;
}
