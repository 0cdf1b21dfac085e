import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HashPool } from '../../src/auth/hash-pool.js';
import { AppError } from '../../src/http/app-error.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('hash pool', () => {
  it('runs at most `concurrency` jobs at once, in arrival order', async () => {
    const pool = new HashPool(2, 10);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const jobs = gates.map((g, i) =>
      pool.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(pool.load, { running: 2, waiting: 1 });
    gates[0]?.resolve();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2]);
    for (const g of gates) g.resolve();
    await Promise.all(jobs);
    assert.deepEqual(pool.load, { running: 0, waiting: 0 });
  });

  it('refuses with 503 and Retry-After when the queue is full', async () => {
    const pool = new HashPool(1, 1);
    const gate = deferred();
    const a = pool.run(() => gate.promise);
    const b = pool.run(() => gate.promise);
    await assert.rejects(
      pool.run(async () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.statusCode, 503);
        assert.equal(error.headers?.['retry-after'], '2');
        return true;
      },
    );
    gate.resolve();
    await Promise.all([a, b]);
  });

  it('frees the slot when a job fails', async () => {
    const pool = new HashPool(1, 0);
    await assert.rejects(pool.run(async () => Promise.reject(new Error('boom'))));
    assert.equal(await pool.run(async () => 42), 42);
  });
});
