import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The pages' scripts: plain ES modules in `src/web/assets/`, which `tsc` does not copy. They
 * are read once, when this module loads (at start-up, before any app is built), from the
 * source folder, found from here whether this file runs from `src/web/` or `dist/src/web/`.
 */
const CANDIDATES = [
  new URL('./assets/', import.meta.url),
  new URL('../../../src/web/assets/', import.meta.url),
];

function loadScripts(): ReadonlyMap<string, string> {
  for (const dir of CANDIDATES) {
    let names: string[];
    try {
      names = readdirSync(fileURLToPath(dir)).filter((n) => /^[a-z-]+\.js$/.test(n));
    } catch {
      continue;
    }
    if (names.length === 0) continue;
    return new Map(names.map((n) => [n, readFileSync(fileURLToPath(new URL(n, dir)), 'utf8')]));
  }
  throw new Error(
    `The web scripts were not found in ${CANDIDATES.map((u) => fileURLToPath(u)).join(' or ')}: reinstall the server package`,
  );
}

/** Script file name (`api.js`) → source. */
export const SCRIPTS: ReadonlyMap<string, string> = loadScripts();
