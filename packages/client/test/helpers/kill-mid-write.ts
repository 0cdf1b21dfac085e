/**
 * Simulates a writer that dies between writing its temp file and renaming it: writes the temp
 * file exactly as `writeFileAtomic` does, prints "written", then waits to be killed.
 */
import { open } from 'node:fs/promises';

const path = process.argv[2];
if (!path) throw new Error('usage: kill-mid-write.js <cookie-file>');
const temp = `${path}.${process.pid}.0123456789ab.tmp`;
const handle = await open(temp, 'wx', 0o600);
await handle.writeFile('{"version":1,"origins":{"http://127.0.0.1:3000":{"cook', 'utf8');
await handle.sync();
await handle.close();
process.stdout.write('written\n');
setInterval(() => undefined, 1000);
