/**
 * What every command needs, resolved once from flags, environment and `hosts.json`: the base
 * URLs (flag, then `PROOFSHEET_STUDIO_URL`/`PROOFSHEET_GALLERY_URL`, then the last login; no
 * default, see `base-urls.ts`), the client with the file cookie jar, and the output.
 */
import {
  type Credentials,
  createClient,
  type PixiesetClient,
  type SecondFactorProvider,
} from '@proofsheet/client';
import type { Command } from 'commander';
import { resolveBaseUrls } from './base-urls.js';
import {
  type ConfigPaths,
  configPaths,
  cookieJar,
  type HostsFile,
  readHosts,
} from './config-dir.js';
import { Output } from './output.js';

/** The options every command takes. */
export interface GlobalOptions {
  studioUrl?: string;
  galleryUrl?: string;
  json?: boolean;
  csv?: boolean;
  verbose?: boolean;
}

/** The process's streams and environment, injected for tests. */
export interface Io {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export interface Context {
  paths: ConfigPaths;
  hosts: HostsFile;
  studioUrl: string;
  galleryUrl: string;
  client: PixiesetClient;
  /**
   * Who answers a second factor at sign-in: set by `login` (its `--code`, or a prompt); null
   * elsewhere, so that a re-login of another command fails with a clear message instead.
   */
  secondFactor: { provider: SecondFactorProvider | null };
  out: Output;
  io: Io;
}

/** Builds the context of the running command. */
export async function makeContext(command: Command, io: Io): Promise<Context> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const paths = configPaths(io.env);
  const hosts = await readHosts(paths);
  const { studioUrl, galleryUrl } = resolveBaseUrls(opts, io.env, hosts);
  const credentials = envCredentials(io.env);
  const out = new Output(io, { json: opts.json === true, csv: opts.csv === true });
  const secondFactor: Context['secondFactor'] = { provider: null };
  const client = createClient({
    studioUrl,
    galleryUrl,
    cookieJar: cookieJar(paths, io.env),
    credentials,
    secondFactor: (challenge) => secondFactor.provider?.(challenge) ?? null,
    userAgent: 'proofsheet-cli/0.1',
    // Off by default: a newer server may add fields, which must not break a user's command.
    validateResponses: io.env.PROOFSHEET_VALIDATE_RESPONSES === '1',
    ...(opts.verbose
      ? {
          logger: {
            debug: (message, fields) =>
              out.error(`debug: ${message} ${JSON.stringify(fields ?? {})}`),
            warn: (message, fields) =>
              out.error(`warning: ${message} ${JSON.stringify(fields ?? {})}`),
          },
        }
      : {}),
  });
  return { paths, hosts, studioUrl, galleryUrl, client, secondFactor, out, io };
}

/** `PROOFSHEET_EMAIL` and `PROOFSHEET_PASSWORD`, for unattended re-login (CI). */
function envCredentials(env: NodeJS.ProcessEnv): Credentials | null {
  const email = env.PROOFSHEET_EMAIL;
  const password = env.PROOFSHEET_PASSWORD;
  return email && password ? { email, password } : null;
}
