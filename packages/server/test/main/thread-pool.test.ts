/**
 * `proofsheet-server` sizes libuv's thread pool to the hash concurrency before the pool starts,
 * so that argon2's per-thread memory is bounded by it (see `thread-pool.ts`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { threadPoolSize } from '../../src/thread-pool.js';
import { startServer } from '../helpers/server-process.js';

describe('threadPoolSize', () => {
  it('is the hash concurrency, defaulting as the configuration does', () => {
    assert.equal(threadPoolSize({}), String(parseConfig({}).hashConcurrency));
    assert.equal(threadPoolSize({ PROOFSHEET_HASH_CONCURRENCY: '5' }), '5');
  });

  it('leaves a UV_THREADPOOL_SIZE the user set alone', () => {
    assert.equal(
      threadPoolSize({ UV_THREADPOOL_SIZE: '16', PROOFSHEET_HASH_CONCURRENCY: '5' }),
      '16',
    );
  });

  it('falls back to the default on a value parseConfig will refuse', () => {
    for (const bad of ['0', '-1', 'two', '']) {
      assert.equal(threadPoolSize({ PROOFSHEET_HASH_CONCURRENCY: bad }), '2', bad);
    }
  });
});

describe('the proofsheet-server command', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Threads of a started server after it has hashed passwords, four at a time. */
  async function threadsAfterSignIns(env: Record<string, string>): Promise<number> {
    const dir = mkdtempSync(join(tmpdir(), 'proofsheet-pool-'));
    dirs.push(dir);
    const { UV_THREADPOOL_SIZE: _inherited, ...parent } = process.env;
    const server = await startServer({ PROOFSHEET_DATA_DIR: dir, ...env }, 30_000, parent);
    try {
      // Wrong passwords still cost a full hash; four at once would use four pool threads.
      await Promise.all(
        [1, 2, 3, 4].map(() =>
          fetch(`${server.studioUrl}/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
          }).then((response) => response.arrayBuffer()),
        ),
      );
      const pid = server.child.pid;
      assert.ok(pid !== undefined);
      return readdirSync(`/proc/${pid}/task`).length;
    } finally {
      await server.stop();
    }
  }

  it('starts one pool thread per concurrent hash', {
    skip: process.platform !== 'linux' && 'reads /proc',
  }, async () => {
    const one = await threadsAfterSignIns({ PROOFSHEET_HASH_CONCURRENCY: '1' });
    const four = await threadsAfterSignIns({ PROOFSHEET_HASH_CONCURRENCY: '4' });
    const sixPreset = await threadsAfterSignIns({
      PROOFSHEET_HASH_CONCURRENCY: '1',
      UV_THREADPOOL_SIZE: '6',
    });
    assert.equal(four - one, 3, `threads: ${one} with 1 hash at a time, ${four} with 4`);
    assert.equal(sixPreset - one, 5, 'UV_THREADPOOL_SIZE set by the user wins');
  });
});
