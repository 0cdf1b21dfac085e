/**
 * HTTPS for the tests of clients that insist on it (the seed's Ruby examples set
 * `use_ssl = true`): a throwaway self-signed certificate for 127.0.0.1 and localhost, and a
 * harness's two APIs served with it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp } from '../../src/app.js';
import { systemRandom } from '../../src/deps.js';
import type { Harness } from './harness.js';
import { recording } from './response-recorder.js';

const exec = promisify(execFile);

export interface TestCertificate {
  key: Buffer;
  cert: Buffer;
  /** The certificate's PEM file, for clients to trust (e.g. `SSL_CERT_FILE`). */
  certPath: string;
  /** Deletes the key and certificate. */
  dispose(): Promise<void>;
}

/** Makes a key and a one-day self-signed certificate with `openssl req -x509`. */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'proofsheet-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await exec(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { timeout: 30_000 },
  );
  return {
    key: await readFile(keyPath),
    cert: await readFile(certPath),
    certPath,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface ListeningHttps {
  studioUrl: string;
  galleryUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the harness's database, clock and services through two more apps built with
 * `https`: cookies get their `__Host-` names, as in production behind TLS.
 */
export async function listenHttps(
  h: Harness,
  tls: Pick<TestCertificate, 'key' | 'cert'>,
): Promise<ListeningHttps> {
  const deps = {
    config: h.config,
    storage: h.storage,
    clock: h.clock,
    random: systemRandom,
    services: h.services,
    https: { key: tls.key, cert: tls.cert },
    ...recording(),
  };
  const studio = await buildApp({ ...deps, api: 'studio' });
  const gallery = await buildApp({ ...deps, api: 'gallery' });
  const studioUrl = await studio.listen({ host: '127.0.0.1', port: 0 });
  const galleryUrl = await gallery.listen({ host: '127.0.0.1', port: 0 });
  return {
    studioUrl,
    galleryUrl,
    async close() {
      await studio.close();
      await gallery.close();
    },
  };
}
