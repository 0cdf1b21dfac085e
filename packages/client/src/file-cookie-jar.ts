/**
 * A cookie jar persisted to a file that several processes may share (two CLI commands, a CLI
 * and the proxy). Writes are atomic and 0600; each write happens under a lock and merges: it
 * re-reads the file and applies only the cookies this process changed, so that two processes
 * never lose each other's cookies. Reads notice when another process rewrote the file.
 */
import { Cookie, type SerializedCookie } from 'tough-cookie';
import {
  ensurePrivateDir,
  fileSignature,
  readIfExists,
  removeStrayTemps,
  withFileLock,
  writeFileAtomic,
} from './atomic-file.js';
import { CookieCipher, isEncryptedEnvelope } from './cookie-file-crypto.js';
import { type CookieJar, MemoryCookieJar, type SerializedOrigins } from './cookie-jar.js';

/** Options of {@link FileCookieJar}. */
export interface FileCookieJarOptions {
  /** The file, e.g. `~/.config/proofsheet/cookies.json`. Its directory is created 0700. */
  path: string;
  /**
   * A passphrase (16 characters or more) to encrypt the file with AES-256-GCM, or `null` for
   * plain JSON (still 0600). The CLI takes it from `PROOFSHEET_COOKIE_KEY`.
   * @default null
   */
  encryptionKey?: string | null;
}

interface FileContent {
  version: 1;
  origins: SerializedOrigins;
}

/**
 * Cookies in a file.
 *
 * @example
 * const jar = new FileCookieJar({ path: '/home/me/.config/proofsheet/cookies.json', encryptionKey: process.env.PROOFSHEET_COOKIE_KEY ?? null });
 * const client = createClient({ studioUrl, galleryUrl, cookieJar: jar });
 */
export class FileCookieJar implements CookieJar {
  readonly path: string;
  readonly #memory = new MemoryCookieJar();
  readonly #cipher: CookieCipher | null;
  /** `origin\tname` of cookies set here and not yet written. */
  #dirty = new Set<string>();
  #signature: string | null | undefined = undefined;
  #flushing: Promise<void> | null = null;
  #flushAgain = false;

  constructor(options: FileCookieJarOptions) {
    this.path = options.path;
    this.#cipher = options.encryptionKey ? new CookieCipher(options.encryptionKey) : null;
  }

  async getCookieString(url: string): Promise<string> {
    await this.#refreshFromDisk();
    return this.#memory.getCookieStringSync(url);
  }

  async setCookie(raw: string, url: string): Promise<void> {
    await this.#refreshFromDisk();
    const parsed = Cookie.parse(raw);
    if (!parsed) return;
    this.#memory.setCookieSync(raw, url);
    this.#dirty.add(`${new URL(url).origin}\t${parsed.key}`);
    await this.flush();
  }

  /** Forgets every cookie of `origin` (or all) and writes the file. */
  async clear(origin?: string): Promise<void> {
    await this.#refreshFromDisk();
    const origins = origin === undefined ? this.#memory.origins() : [new URL(origin).origin];
    const before = this.#memory.serialize();
    for (const o of origins) {
      for (const c of before[o]?.cookies ?? []) this.#dirty.add(`${o}\t${String(c.key)}`);
      this.#memory.clear(o);
    }
    await this.flush();
  }

  /** Writes pending changes. Concurrent calls share one write; a later change gets another. */
  async flush(): Promise<void> {
    if (this.#flushing) {
      this.#flushAgain = true;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      try {
        do {
          this.#flushAgain = false;
          await this.#writeMerged();
        } while (this.#flushAgain);
      } finally {
        this.#flushing = null;
      }
    })();
    return this.#flushing;
  }

  async #writeMerged(): Promise<void> {
    if (this.#dirty.size === 0) return;
    await ensurePrivateDir(this.path);
    await withFileLock(this.path, async () => {
      const dirty = this.#dirty;
      this.#dirty = new Set();
      const disk = await this.#read();
      const merged = mergeOrigins(disk, this.#memory.serialize(), dirty);
      this.#memory.clear();
      this.#memory.load(merged);
      await writeFileAtomic(this.path, this.#encode({ version: 1, origins: merged }));
      this.#signature = await fileSignature(this.path);
      await removeStrayTemps(this.path);
    });
  }

  async #refreshFromDisk(): Promise<void> {
    const signature = await fileSignature(this.path);
    if (signature === this.#signature) return;
    const disk = await this.#read();
    const merged = mergeOrigins(disk, this.#memory.serialize(), this.#dirty);
    this.#memory.clear();
    this.#memory.load(merged);
    this.#signature = signature;
  }

  async #read(): Promise<SerializedOrigins> {
    const text = await readIfExists(this.path);
    if (text === null || text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new Error(
        `The cookie file ${this.path} is not valid JSON; delete it and log in again`,
        {
          cause,
        },
      );
    }
    if (isEncryptedEnvelope(parsed)) {
      if (!this.#cipher) {
        throw new Error(
          `The cookie file ${this.path} is encrypted: set the key (PROOFSHEET_COOKIE_KEY) to read it`,
        );
      }
      parsed = JSON.parse(this.#cipher.decrypt(parsed));
    }
    const content = parsed as Partial<FileContent>;
    return content.origins ?? {};
  }

  #encode(content: FileContent): string {
    const json = JSON.stringify(content);
    return this.#cipher ? JSON.stringify(this.#cipher.encrypt(json)) : json;
  }
}

/**
 * The disk's cookies with this process's changes on top: for every `origin\tname` in `dirty`,
 * the local version (or its absence) wins; everything else comes from disk.
 */
export function mergeOrigins(
  disk: SerializedOrigins,
  local: SerializedOrigins,
  dirty: ReadonlySet<string>,
): SerializedOrigins {
  const out: SerializedOrigins = {};
  const origins = new Set([...Object.keys(disk), ...Object.keys(local)]);
  for (const origin of origins) {
    const isDirty = (c: SerializedCookie) => dirty.has(`${origin}\t${String(c.key)}`);
    const kept = (disk[origin]?.cookies ?? []).filter((c) => !isDirty(c));
    const mine = (local[origin]?.cookies ?? []).filter(isDirty);
    const base = disk[origin] ?? local[origin];
    if (!base || kept.length + mine.length === 0) continue;
    out[origin] = { ...base, cookies: [...kept, ...mine] };
  }
  return out;
}
