import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FileCookieJar } from '../src/index.js';

const URL_A = 'http://127.0.0.1:3000/api/v1/clients/';
const URL_B = 'http://127.0.0.1:3001/api/v1/collections';

async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'proofsheet-jar-'));
  return join(dir, 'sub', 'cookies.json');
}

describe('file cookie jar', () => {
  test('the cookie file is 0600 in a 0700 directory', async () => {
    const path = await tempPath();
    const jar = new FileCookieJar({ path });
    await jar.setCookie('session_cookie=abc; Path=/; HttpOnly', URL_A);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(join(path, '..'))).mode & 0o777, 0o700);
    const again = new FileCookieJar({ path });
    assert.equal(await again.getCookieString(URL_A), 'session_cookie=abc');
  });

  test('cookies of the same name on two ports of one host stay apart', async () => {
    const jar = new FileCookieJar({ path: await tempPath() });
    await jar.setCookie('session_cookie=studio; Path=/', URL_A);
    await jar.setCookie('session_cookie=gallery; Path=/', URL_B);
    assert.equal(await jar.getCookieString(URL_A), 'session_cookie=studio');
    assert.equal(await jar.getCookieString(URL_B), 'session_cookie=gallery');
  });

  test('a crash mid-write (a stray temp file) leaves the last complete file readable', async () => {
    const path = await tempPath();
    const jar = new FileCookieJar({ path });
    await jar.setCookie('session_cookie=good; Path=/', URL_A);
    // What a writer killed between write and rename leaves behind: a half-written temp file.
    await writeFile(`${path}.99999.deadbeef0000.tmp`, '{"version":1,"origins":{"http://127.', {
      mode: 0o600,
    });
    const fresh = new FileCookieJar({ path });
    assert.equal(await fresh.getCookieString(URL_A), 'session_cookie=good');
    await fresh.setCookie('other=1; Path=/', URL_A);
    assert.equal(
      await new FileCookieJar({ path }).getCookieString(URL_A),
      'session_cookie=good; other=1',
    );
  });

  test('a writer killed between write and rename never corrupts the file', async () => {
    const path = await tempPath();
    await new FileCookieJar({ path }).setCookie('session_cookie=before; Path=/', URL_A);
    const script = fileURLToPath(new URL('./helpers/kill-mid-write.js', import.meta.url));
    const child = spawn(process.execPath, [script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    // The child writes its temp file, says so, then waits to be killed before renaming.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const names = await readdir(join(path, '..'));
    assert.ok(
      names.some((n) => n.endsWith('.tmp')),
      'the killed writer left its temp file',
    );
    assert.equal(await new FileCookieJar({ path }).getCookieString(URL_A), 'session_cookie=before');
  });

  test("two processes sharing the file do not lose each other's cookies", async () => {
    const path = await tempPath();
    const a = new FileCookieJar({ path });
    const b = new FileCookieJar({ path });
    await a.getCookieString(URL_A);
    await b.getCookieString(URL_A);
    await Promise.all([
      a.setCookie('from_a=1; Path=/', URL_A),
      b.setCookie('from_b=2; Path=/', URL_A),
      a.setCookie('session_cookie=a; Path=/', URL_B),
    ]);
    const c = new FileCookieJar({ path });
    assert.equal(await c.getCookieString(URL_A), 'from_a=1; from_b=2');
    assert.equal(await c.getCookieString(URL_B), 'session_cookie=a');
    // And each sees the other's write on its next read.
    assert.equal(await a.getCookieString(URL_A), 'from_a=1; from_b=2');
  });

  test('an expiring Set-Cookie deletes the cookie from the file', async () => {
    const path = await tempPath();
    const jar = new FileCookieJar({ path });
    await jar.setCookie('session_cookie=abc; Path=/', URL_A);
    await jar.setCookie('session_cookie=; Path=/; Max-Age=0', URL_A);
    assert.equal(await new FileCookieJar({ path }).getCookieString(URL_A), '');
  });

  test('with a key the file is encrypted with AES-256-GCM and unreadable without it', async () => {
    const path = await tempPath();
    const key = 'a passphrase of some length';
    await new FileCookieJar({ path, encryptionKey: key }).setCookie(
      'session_cookie=secret; Path=/',
      URL_A,
    );
    const text = await readFile(path, 'utf8');
    assert.ok(!text.includes('secret'));
    assert.match(text, /aes-256-gcm/);
    assert.equal(
      await new FileCookieJar({ path, encryptionKey: key }).getCookieString(URL_A),
      'session_cookie=secret',
    );
    await assert.rejects(new FileCookieJar({ path }).getCookieString(URL_A), /encrypted/);
    await assert.rejects(
      new FileCookieJar({ path, encryptionKey: 'the wrong passphrase!' }).getCookieString(URL_A),
      /wrong key/,
    );
  });
});
