import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * Deletes the `.part` files that puts which never finished (the process died) left in `dir`,
 * last written before `before`; returns how many. Both blob stores spool uploads there.
 */
export async function purgeParts(dir: string, before: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const path = join(dir, name);
    try {
      if ((await stat(path)).mtime < before) {
        await rm(path, { force: true });
        removed += 1;
      }
    } catch (error) {
      // Finished (renamed into place) or removed meanwhile: nothing left to purge.
      if (!isMissing(error)) throw error;
    }
  }
  return removed;
}
