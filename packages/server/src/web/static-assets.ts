import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The pages' scripts: TypeScript in `src/web/assets/`, compiled for the browser by their own
 * project (`src/web/assets/tsconfig.json`, part of `tsc -b`) into `dist/src/web/assets/`, beside
 * this module's compiled self, with the client's browser-safe functions under `vendor/client/`.
 * Relative imports (`./api.js`, `./vendor/client/browser.js`) work in the browser as they are,
 * so there is no bundler and no import map (which `script-src 'self'` would need a hash for).
 * Read once, when this module loads (at start-up, before any app is built).
 */
const DIR = new URL('./assets/', import.meta.url);

/**
 * A script, or its source map: letters, digits and dashes, in folders of lower-case names.
 * Upper case and digits for the vendored @simplewebauthn/browser, whose modules are named in
 * camel case (`base64URLStringToBuffer.js`).
 */
const SERVED = /^(?:[a-z-]+\/)*[A-Za-z0-9-]+\.js(?:\.map)?$/;

/** A script the server sends: its bytes and content type. */
export interface Script {
  readonly source: string;
  readonly type: string;
}

function loadScripts(): ReadonlyMap<string, Script> {
  let names: string[];
  try {
    names = readdirSync(fileURLToPath(DIR), { recursive: true, encoding: 'utf8' });
  } catch {
    names = [];
  }
  const scripts = new Map<string, Script>();
  for (const name of names.map((n) => n.replaceAll('\\', '/')).filter((n) => SERVED.test(n))) {
    scripts.set(name, {
      source: readFileSync(fileURLToPath(new URL(name, DIR)), 'utf8'),
      type: name.endsWith('.map')
        ? 'application/json; charset=utf-8'
        : 'text/javascript; charset=utf-8',
    });
  }
  if (!scripts.has('api.js')) {
    throw new Error(
      `The web scripts are missing from ${fileURLToPath(DIR)}: build them with \`npx tsc -b\` (they are compiled from src/web/assets/), or reinstall the server package`,
    );
  }
  return scripts;
}

/** Path under `/assets/` (`api.js`, `vendor/client/browser.js`) → script. */
export const SCRIPTS: ReadonlyMap<string, Script> = loadScripts();
