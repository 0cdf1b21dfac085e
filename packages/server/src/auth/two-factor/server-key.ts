import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/config.js';
import type { Random } from '../../deps.js';

const KEY_FILE = 'secret.key';

/**
 * The server's secret key: `PROOFSHEET_SECRET_KEY`, or else a random key kept in the data
 * directory, made on first use. The file is created exclusively (`wx`), so two processes
 * starting together on one data directory end up reading the same key.
 */
export function serverSecretKey(
  config: Pick<Config, 'secretKey' | 'dataDir'>,
  random: Random,
): string {
  if (config.secretKey !== null) return config.secretKey;
  const path = join(config.dataDir, KEY_FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = Buffer.from(random.bytes(32)).toString('base64url');
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(path, `${key}\n`, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(path, 'utf8').trim();
  }
}
