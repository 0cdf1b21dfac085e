/**
 * The pages' scripts are a project of their own (browser ES modules, DOM types), compiled to
 * `dist/src/web/assets/`; the server's project leaves them out. Their pure parts (no DOM at
 * import time) are tested in Node by importing that compiled output. The caller states the
 * types it relies on: a mismatch fails the test at run time rather than at compile time.
 */
export async function importAsset<T>(name: string): Promise<T> {
  const url = new URL(`../../src/web/assets/${name}.js`, import.meta.url);
  return (await import(url.href)) as T;
}
