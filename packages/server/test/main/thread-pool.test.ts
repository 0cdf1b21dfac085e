/**
 * `proofsheet-server` starts libuv's thread pool for argon2 before anything else uses it: one
 * thread per concurrent hash, at a lower CPU priority (see `thread-pool.ts`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { threadPoolSettings } from '../../src/thread-pool.js';
import { startServer } from '../helpers/server-process.js';

describe('threadPoolSettings', () => {
  it('is the hash concurrency and nice value, defaulting as the configuration does', () => {
    const config = parseConfig({});
    assert.deepEqual(threadPoolSettings({}), {
      size: String(config.hashConcurrency),
      nice: config.hashNice,
    });
    assert.deepEqual(
      threadPoolSettings({ PROOFSHEET_HASH_CONCURRENCY: '5', PROOFSHEET_HASH_NICE: '0' }),
      { size: '5', nice: 0 },
    );
  });

  it('leaves a UV_THREADPOOL_SIZE the user set alone', () => {
    const settings = threadPoolSettings({
      UV_THREADPOOL_SIZE: '16',
      PROOFSHEET_HASH_CONCURRENCY: '5',
    });
    assert.equal(settings.size, '16');
  });

  it('falls back to the defaults on values parseConfig refuses', () => {
    for (const bad of ['0', '-1', 'two', '', '65']) {
      assert.equal(threadPoolSettings({ PROOFSHEET_HASH_CONCURRENCY: bad }).size, '2', bad);
    }
    for (const bad of ['-1', '20', 'low']) {
      assert.equal(threadPoolSettings({ PROOFSHEET_HASH_NICE: bad }).nice, 10, bad);
    }
  });
});

/** The nice value of each thread of a process (field 19 of its stat line). */
/**
 * Nice values of the process's own threads: Node's and libuv's, all named `node`. libvips's
 * workers (`libvips worker`) and pango's are left out: made from a pool thread by the demo's
 * photo rendering, they inherit its lower priority, which is what photo work should have.
 */
function niceByThread(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`).filter(
    (tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === 'node',
  );
  return tasks.map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces, start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19 - 3]);
  });
}

describe('the proofsheet-server command', {
  skip: process.platform !== 'linux' && 'reads /proc',
}, () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Nice values of a started server's threads, after it has hashed four passwords at once. */
  async function threadsAfterSignIns(env: Record<string, string>): Promise<number[]> {
    const dir = mkdtempSync(join(tmpdir(), 'proofsheet-pool-'));
    dirs.push(dir);
    const { UV_THREADPOOL_SIZE: _inherited, ...parent } = process.env;
    const server = await startServer({ PROOFSHEET_DATA_DIR: dir, ...env }, 30_000, parent);
    try {
      // Unknown accounts still cost a full hash, so that timing does not reveal them.
      await Promise.all(
        [1, 2, 3, 4].map(() =>
          fetch(`${server.studioUrl}/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ email: 'nobody@example.com', password: 'not it' }),
          }).then((response) => response.arrayBuffer()),
        ),
      );
      const pid = server.child.pid;
      assert.ok(pid !== undefined);
      return niceByThread(pid);
    } finally {
      await server.stop();
    }
  }

  const own = niceByThread(process.pid)[0] ?? 0;
  const lowered = (nices: number[], by: number) =>
    nices.filter((n) => n === Math.min(19, own + by)).length;

  it('runs one pool thread per concurrent hash, 10 nice steps down', async () => {
    const three = await threadsAfterSignIns({ PROOFSHEET_HASH_CONCURRENCY: '3' });
    assert.equal(lowered(three, 10), 3, `nice values: ${three.join(' ')}`);
    assert.ok(three.filter((n) => n === own).length > 0, 'the main thread keeps its priority');
  });

  it('honours UV_THREADPOOL_SIZE and PROOFSHEET_HASH_NICE', async () => {
    const five = await threadsAfterSignIns({
      PROOFSHEET_HASH_CONCURRENCY: '1',
      UV_THREADPOOL_SIZE: '5',
      PROOFSHEET_HASH_NICE: '4',
    });
    assert.equal(lowered(five, 4), 5, `nice values: ${five.join(' ')}`);
    const off = await threadsAfterSignIns({ PROOFSHEET_HASH_NICE: '0' });
    assert.deepEqual(
      off.filter((n) => n !== own),
      [],
      'with 0 every thread keeps the priority',
    );
  });
});
