/**
 * File primitives for the cookie store: an exclusive lock file shared by processes, and an
 * atomic write (temporary file, fsync, rename) so that a reader never sees half a file, even
 * if the writer is killed mid-write.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A lock older than this is taken to belong to a process that died holding it. */
const STALE_LOCK_MS = 10_000;
/** Give up waiting for the lock after this long. */
const LOCK_TIMEOUT_MS = 5_000;

/** The file's content, or `null` when it does not exist. */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A cheap signature of the file's version: changes whenever another process rewrites it. */
export async function fileSignature(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Creates the file's directory, private to the user (0700). */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
}

/**
 * Runs `fn` holding `<path>.lock`, created with O_EXCL so that one process at a time holds it.
 *
 * @example
 * await withFileLock('/tmp/cookies.json', async () => { … });
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await lockAge(lockPath);
      if (age !== null && age > STALE_LOCK_MS) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > LOCK_TIMEOUT_MS) {
        throw new Error(
          `Timed out waiting for ${lockPath}; if no other proofsheet process is running, delete it`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function lockAge(lockPath: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Writes `content` to `path` atomically with mode 0600: a temporary file in the same
 * directory, fsync, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(
    dirname(path),
    `${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  // 0600 from creation: the file is never readable by others, not even for a moment.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Removes temporary files that crashed writers left behind, once they are a minute old. */
export async function removeStrayTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const full = join(dirname(path), name);
    const age = await stat(full).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 60_000) await unlink(full).catch(() => undefined);
  }
}
