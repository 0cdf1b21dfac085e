/**
 * One mechanism for outages: drivers' connection failures become StorageUnavailableError, and
 * the error handler answers it with 503 and Retry-After; a bad query stays an ordinary error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPostgresUnavailable } from '../../src/storage/postgres-errors.js';
import { isRedisUnavailable } from '../../src/storage/redis/redis-client.js';
import { StorageUnavailableError } from '../../src/storage/unavailable.js';
import { createHarness } from '../helpers/harness.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('classifying driver errors', () => {
  it('PostgreSQL: refused, dropped, timed out and shutting down are outages', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new AggregateError([withCode('ECONNREFUSED')]),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      new Error('Query read timeout'),
      withCode('57P01'),
      withCode('08006'),
      withCode('57014', 'canceling statement due to statement timeout'),
    ]) {
      assert.equal(isPostgresUnavailable(error), true, String(error));
    }
  });

  it('PostgreSQL: constraint and syntax errors are not', () => {
    for (const error of [
      withCode('23505'),
      withCode('42P01'),
      withCode('42601'),
      new TypeError('x'),
    ]) {
      assert.equal(isPostgresUnavailable(error), false, String(error));
    }
  });

  it('Redis: anything but a reply is an outage; of replies, only the transient ones', () => {
    const reply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });
    assert.equal(isRedisUnavailable(new Error("Stream isn't writeable")), true);
    assert.equal(isRedisUnavailable(new Error('Command timed out')), true);
    assert.equal(isRedisUnavailable(reply('LOADING Redis is loading the dataset')), true);
    assert.equal(isRedisUnavailable(reply('ERR wrong number of arguments')), false);
  });
});

describe('answering an outage', () => {
  it('a store that cannot reach its dependency gives 503 with Retry-After, not 500', async () => {
    const h = await createHarness();
    try {
      h.storage.users.findByEmail = async () => {
        throw new StorageUnavailableError(
          'postgres',
          withCode('ECONNREFUSED', 'connect ECONNREFUSED'),
        );
      };
      const res = await h.studio.inject({
        method: 'POST',
        url: '/login',
        payload: { email: 'owner@example.com', password: 'whatever it is' },
      });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), {
        error: 'Service Unavailable',
        message: 'Storage is temporarily unavailable; retry in 5 s',
        code: 'service_unavailable',
      });
      assert.equal(res.headers['retry-after'], '5');
      assert.equal(res.headers['cache-control'], 'no-store');
    } finally {
      await h.close();
    }
  });
});
